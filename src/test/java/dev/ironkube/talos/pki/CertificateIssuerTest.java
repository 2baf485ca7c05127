package dev.ironkube.talos.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.talos.testing.TestBundles;
import java.math.BigInteger;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateIssuerTest {
  private static final String SERVER_AUTH = KeyPurposeId.id_kp_serverAuth.getId();
  private static final String CLIENT_AUTH = KeyPurposeId.id_kp_clientAuth.getId();
  // X509Certificate.getKeyUsage() indexes: 0 digitalSignature, 2 keyEncipherment, 5 keyCertSign.
  private static final boolean[] SIGN_AND_CERT_SIGN = {
    true, false, false, false, false, true, false, false, false
  };

  private static SecretsBundle bundle;
  private static CertificateIssuer issuer;

  @BeforeAll
  static void generateOnce() {
    bundle = TestBundles.generated();
    issuer = TestBundles.issuer();
  }

  @Test
  void osCaIsEd25519WithOrganizationTalos() throws Exception {
    X509Certificate ca = bundle.os().certificate();
    assertCa(ca, "O=talos");
    assertThat(ca.getPublicKey().getAlgorithm()).isIn("Ed25519", "EdDSA");
    assertThat(ca.getSigAlgName()).isIn("Ed25519", "EdDSA");
  }

  @Test
  void kubernetesEtcdAndAggregatorCasAreP256() throws Exception {
    assertCa(bundle.kubernetes().certificate(), "O=kubernetes");
    assertCa(bundle.etcd().certificate(), "O=etcd");
    // Upstream's is empty, which Java cannot parse; see CertificateIssuer#selfSignedCa.
    assertCa(bundle.kubernetesAggregator().certificate(), "CN=front-proxy");
    for (CertAndKey ca :
        List.of(bundle.kubernetes(), bundle.etcd(), bundle.kubernetesAggregator())) {
      assertThat(ca.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
      assertThat(ca.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
    }
    assertThat(bundle.serviceAccountKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(((RSAPrivateKey) bundle.serviceAccountKey()).getModulus().bitLength())
        .isEqualTo(4096);
  }

  @Test
  void talosAdminCertificateIsWhatApidAccepts() throws Exception {
    CertAndKey admin = issuer.talosAdmin(bundle.os());
    X509Certificate cert = admin.certificate();
    assertThat(cert.getPublicKey().getAlgorithm()).isIn("Ed25519", "EdDSA");
    assertThat(admin.requireKey().getAlgorithm()).isIn("Ed25519", "EdDSA");
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("O=os:admin");
    assertThat(cert.getIssuerX500Principal())
        .isEqualTo(bundle.os().certificate().getSubjectX500Principal());
    assertThat(cert.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    assertThat(cert.getKeyUsage()).startsWith(true, false, false, false, false, false);
    assertThat(cert.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId());
    assertLeaf(cert, bundle.os().certificate(), Duration.ofHours(8760));
  }

  @Test
  void kubernetesAdminCertificateIsSystemMasters() throws Exception {
    CertAndKey admin = issuer.kubernetesAdmin(bundle.kubernetes());
    X509Certificate cert = admin.certificate();
    assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=admin,O=system:masters");
    assertThat(cert.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    assertThat(cert.getKeyUsage()).startsWith(true, false, true, false, false, false);
    assertLeaf(cert, bundle.kubernetes().certificate(), Duration.ofHours(8760));
  }

  @Test
  void serverCertificateCarriesIpAndDnsSans() throws Exception {
    CertAndKey server =
        issuer.serverCertificate(
            bundle.os(),
            "node-1",
            List.of("203.0.113.10", "2001:db8::1"),
            List.of("node-1", "node-1.example.com"),
            Duration.ofHours(24));
    X509Certificate cert = server.certificate();
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=node-1");
    assertThat(cert.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    assertThat(sans.stream().map(san -> (Object) san.get(1)).toList())
        .containsExactlyInAnyOrder(
            "203.0.113.10", "2001:db8:0:0:0:0:0:1", "node-1", "node-1.example.com");
    assertLeaf(cert, bundle.os().certificate(), Duration.ofHours(24));
  }

  private static void assertCa(X509Certificate ca, String subject) throws Exception {
    assertThat(ca.getVersion()).isEqualTo(3);
    assertThat(ca.getSubjectX500Principal().getName()).isEqualTo(subject);
    assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThat(ca.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
    assertThat(ca.getCriticalExtensionOIDs())
        .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
    assertThat(ca.getKeyUsage()).startsWith(SIGN_AND_CERT_SIGN);
    assertThat(ca.getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
    assertThat(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId())).hasSize(24);
    assertThat(ca.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNull();
    assertSerial(ca.getSerialNumber());
    assertValidity(ca, Duration.ofHours(87600));
    ca.verify(ca.getPublicKey());
    assertThat(
            new JcaX509CertificateHolder(ca)
                .isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca)))
        .isTrue();
  }

  private static void assertLeaf(X509Certificate leaf, X509Certificate ca, Duration lifetime)
      throws Exception {
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getExtensionValue(Extension.basicConstraints.getId())).isNull();
    assertSerial(leaf.getSerialNumber());
    assertValidity(leaf, lifetime);
    X509CertificateHolder holder = new JcaX509CertificateHolder(leaf);
    assertThat(holder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca))).isTrue();
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    params.setRevocationEnabled(false);
    params.setDate(Date.from(TestBundles.NOW));
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), params);
  }

  private static void assertSerial(BigInteger serial) {
    assertThat(serial.signum()).isPositive();
    assertThat(serial.bitLength()).isLessThanOrEqualTo(128);
  }

  private static void assertValidity(X509Certificate cert, Duration lifetime) {
    assertThat(cert.getNotBefore().toInstant())
        .isEqualTo(TestBundles.NOW.minus(Duration.ofMinutes(5)));
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(TestBundles.NOW.plus(lifetime));
  }
}
