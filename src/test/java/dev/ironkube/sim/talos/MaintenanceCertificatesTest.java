package dev.ironkube.sim.talos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * The maintenance certificates against the upstream facts: siderolabs/talos
 * secrets/maintenance_root.go + maintenance.go (v1.11.6, v1.12.11) / api.go (v1.13.9),
 * siderolabs/crypto v0.6.4 x509/{certificate_authority,certificate,options,constants}.go,
 * maintenance_cert_sans.go, and Go's crypto/x509 CreateCertificate encoding.
 */
class MaintenanceCertificatesTest {
  private static final InetAddress NODE = SanNames.ip("203.0.113.7");

  @Test
  void theRootHasAnEmptySubjectAndIsItsOwnIssuer() throws Exception {
    var root = holder(issue(MaintenanceCertificates.KeyKind.ED25519).root());

    assertThat(root.getSubject().getRDNs()).isEmpty(); // Subject: pkix.Name{Organization: nil}
    assertThat(root.getIssuer().getRDNs()).isEmpty();
    assertThat(root.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.3.101.112");
    assertThat(root.getExtension(Extension.basicConstraints).isCritical()).isTrue();
    assertThat(BasicConstraints.fromExtensions(root.getExtensions()).isCA()).isTrue();
    assertThat(
            KeyUsage.fromExtensions(root.getExtensions())
                .hasUsages(KeyUsage.keyCertSign | KeyUsage.digitalSignature))
        .isTrue();
    assertThat(SubjectKeyIdentifier.fromExtensions(root.getExtensions()).getKeyIdentifier())
        .hasSize(20); // NewSubjectKeyID: 20 random bytes
    // Self-signed: Go adds no authority key id when issuer and subject are the same bytes.
    assertThat(root.getExtension(Extension.authorityKeyIdentifier)).isNull();
    assertThat(validity(root)).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void theLeafHasAnEmptyIssuerAndUpstreamsNamesAndUsages() throws Exception {
    var pair = issue(MaintenanceCertificates.KeyKind.ED25519);
    var leaf = holder(pair.server());
    var root = holder(pair.root());

    assertThat(leaf.getIssuer().getRDNs()).isEmpty(); // the empty DN the JDK refuses
    assertThat(leaf.getSubject().toString()).isEqualTo("CN=maintenance-service.talos.dev");
    assertThat(leaf.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId())
        .isEqualTo("1.3.101.112"); // Ed25519 key under an Ed25519 CA (NewKeyPair)
    assertThat(leaf.getExtension(Extension.basicConstraints)).isNull();
    assertThat(leaf.getExtension(Extension.keyUsage).isCritical()).isTrue();
    assertThat(KeyUsage.fromExtensions(leaf.getExtensions()).getBytes())
        .containsExactly(KeyUsage.digitalSignature);
    assertThat(leaf.getExtension(Extension.extendedKeyUsage).getParsedValue().toString())
        .isEqualTo("[1.3.6.1.5.5.7.3.1]");
    assertThat(AuthorityKeyIdentifier.fromExtensions(leaf.getExtensions()).getKeyIdentifier())
        .isEqualTo(SubjectKeyIdentifier.fromExtensions(root.getExtensions()).getKeyIdentifier());
    // Go's order: key usage, EKU, authority key id, SANs.
    assertThat(Arrays.stream(leaf.getExtensionOIDs().toArray()).map(Object::toString))
        .containsExactly("2.5.29.15", "2.5.29.37", "2.5.29.35", "2.5.29.17");
    // DNS names first, then IPs sorted (IPv4 before IPv6), node address plus 127.0.0.1 and ::1.
    GeneralName[] sans =
        GeneralNames.fromExtensions(leaf.getExtensions(), Extension.subjectAlternativeName)
            .getNames();
    assertThat(Arrays.stream(sans).map(GeneralName::toString))
        .containsExactly(
            "2: talos-abc", "7: #7f000001", "7: #cb007107", "7: #00000000000000000000000000000001");
    assertThat(leaf.getExtension(Extension.subjectAlternativeName).isCritical()).isFalse();
    assertThat(validity(leaf)).isEqualTo(Duration.ofHours(24));
    assertThat(
            leaf.isSignatureValid(
                new JcaContentVerifierProviderBuilder()
                    .build(pair.root().certificate().getPublicKey())))
        .isTrue();
  }

  @Test
  void inFipsModeBothAreEcdsaP256() throws Exception {
    var pair = issue(MaintenanceCertificates.KeyKind.ECDSA_P256);

    assertThat(holder(pair.server()).getSignatureAlgorithm().getAlgorithm().getId())
        .isEqualTo("1.2.840.10045.4.3.2"); // ecdsa-with-SHA256
    assertThat(pair.server().key().getAlgorithm()).isEqualTo("EC");
    assertThat(holder(pair.server()).getIssuer().getRDNs()).isEmpty();
  }

  @Test
  void theJdkCannotParseTheLeafWhichIsTheWholePoint() throws Exception {
    byte[] der = issue(MaintenanceCertificates.KeyKind.ED25519).server().certificate().getEncoded();

    Assertions.assertThatThrownBy(
            () ->
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("Empty issuer DN");
  }

  private static MaintenanceCertificates.Pair issue(MaintenanceCertificates.KeyKind kind) {
    return MaintenanceCertificates.issue(kind, List.of(NODE), List.of("talos-abc"));
  }

  private static X509CertificateHolder holder(SimPki.Issued issued) throws Exception {
    return new X509CertificateHolder(issued.certificate().getEncoded());
  }

  private static Duration validity(X509CertificateHolder c) {
    return Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
  }
}
