package dev.ironkube.talos.kubeconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.net.SingleIdentityKeyManager;
import dev.ironkube.sim.ServerTls;
import dev.ironkube.talos.pki.CertAndKey;
import dev.ironkube.talos.pki.CertificateIssuer;
import dev.ironkube.talos.pki.KeyType;
import dev.ironkube.talos.pki.SecretsBundle;
import dev.ironkube.talos.testing.LoopbackTls;
import dev.ironkube.talos.testing.TestBundles;
import java.net.URI;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** The kubeconfig's identity over real TLS: an API server that demands a client certificate. */
class KubeconfigIdentityTest {
  private final SecretsBundle bundle = TestBundles.fixed();
  // Leaves issued now: the handshakes check validity against the real clock.
  private static final CertificateIssuer ISSUER =
      new CertificateIssuer(Clock.systemUTC(), new SecureRandom());
  private final CertAndKey admin = ISSUER.kubernetesAdmin(bundle.kubernetes());
  private final KubeconfigIdentity identity =
      KubeconfigIdentity.read(
          AdminKubeconfig.of("demo", "https://127.0.0.1:6443", bundle.kubernetes(), admin)
              .toYaml());

  @Test
  void readsTheFirstClusterAndUser() throws Exception {
    assertThat(identity.server()).isEqualTo(URI.create("https://127.0.0.1:6443"));
    assertThat(identity.ca()).isEqualTo(bundle.kubernetes().certificate());
    assertThat(identity.certificate()).isEqualTo(admin.certificate());
    // The key read is the certificate's: what it signs, the certificate's public key verifies.
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(identity.key());
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(admin.certificate().getPublicKey());
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signature)).isTrue();
    assertThat(identity.toString())
        .contains("<redacted>")
        .doesNotContain(Base64.getEncoder().encodeToString(admin.requireKey().getEncoded()));
  }

  @Test
  void presentsTheAdminCertificateToAServerThatRequiresOne() throws Exception {
    CertAndKey serving = servingCertificate(bundle.kubernetes());
    try (SSLServerSocket server = server(serving, bundle.kubernetes().certificate())) {
      CompletableFuture<Certificate[]> seen = LoopbackTls.accept(server);
      try (SSLSocket client = LoopbackTls.connect(identity.sslContext(), server)) {
        client.startHandshake();
        client.getOutputStream().write(1);
        client.getInputStream().read();
      }
      assertThat(seen.get(10, TimeUnit.SECONDS)).containsExactly(admin.certificate());
    }
  }

  @Test
  void refusesAServerWhoseCertificateTheClusterCaDidNotSign() throws Exception {
    CertAndKey otherCa = ISSUER.selfSignedCa(KeyType.ECDSA_P256, "", "kubernetes");
    try (SSLServerSocket server = server(servingCertificate(otherCa), otherCa.certificate())) {
      LoopbackTls.accept(server);
      try (SSLSocket client = LoopbackTls.connect(identity.sslContext(), server)) {
        assertThatThrownBy(client::startHandshake).isInstanceOf(SSLHandshakeException.class);
      }
    }
  }

  @Test
  void offersItsIdentityOnlyForItsKeyTypeAndNeverAsAServer() {
    SingleIdentityKeyManager keys =
        new SingleIdentityKeyManager(admin.requireKey(), admin.certificate());
    String algorithm = admin.certificate().getPublicKey().getAlgorithm();
    assertThat(keys.chooseClientAlias(new String[] {"RSA", algorithm}, null, null))
        .isEqualTo(SingleIdentityKeyManager.ALIAS);
    assertThat(keys.chooseClientAlias(new String[] {"RSA"}, null, null)).isNull();
    assertThat(keys.getClientAliases(algorithm + "_RSA", null)).isNull();
    // Signed by the cluster's ECDSA CA ("SHA256withECDSA").
    assertThat(keys.getClientAliases(algorithm + "_EC", null))
        .containsExactly(SingleIdentityKeyManager.ALIAS);
    assertThat(keys.chooseServerAlias(algorithm, null, null)).isNull();
    assertThat(keys.getPrivateKey("other")).isNull();
  }

  private static CertAndKey servingCertificate(CertAndKey ca) {
    return ISSUER.serverCertificate(
        ca, "kube-apiserver", List.of("127.0.0.1"), List.of(), Duration.ofHours(1));
  }

  private static SSLServerSocket server(CertAndKey serving, X509Certificate clientCa)
      throws Exception {
    return LoopbackTls.listen(
        ServerTls.jdk(serving.requireKey(), List.of(serving.certificate()), List.of(clientCa)),
        true);
  }
}
