package dev.ironkube.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.net.SingleIdentityKeyManager;
import dev.ironkube.net.TrustAnchors;
import dev.ironkube.talos.pki.CertAndKey;
import dev.ironkube.talos.pki.CertificateIssuer;
import dev.ironkube.talos.pki.KeyType;
import dev.ironkube.talos.testing.LoopbackTls;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** A simulated server's TLS over real handshakes: its identity, and the client certificates. */
class ServerTlsTest {
  // Issued now: the handshakes check validity against the real clock.
  private static final CertificateIssuer ISSUER =
      new CertificateIssuer(Clock.systemUTC(), new SecureRandom());
  private final CertAndKey ca = ISSUER.selfSignedCa(KeyType.ECDSA_P256, "", "kubernetes");
  private final CertAndKey serving =
      ISSUER.serverCertificate(
          ca, "kube-apiserver", List.of("127.0.0.1"), List.of(), Duration.ofHours(1));
  private final CertAndKey client = ISSUER.kubernetesAdmin(ca);

  @Test
  void presentsItsCertificateAndSeesTheClientsOne() throws Exception {
    try (SSLServerSocket server = listen(List.of(ca.certificate()))) {
      CompletableFuture<Certificate[]> seen = LoopbackTls.accept(server);
      try (SSLSocket s = connect(server, client)) {
        s.startHandshake();
        assertThat(s.getSession().getPeerCertificates()).containsExactly(serving.certificate());
        s.getOutputStream().write(1);
        s.getInputStream().read();
      }
      assertThat(seen.get(10, TimeUnit.SECONDS)).containsExactly(client.certificate());
    }
  }

  @Test
  void refusesAClientWithoutACertificateFromItsCas() throws Exception {
    CertAndKey otherCa = ISSUER.selfSignedCa(KeyType.ECDSA_P256, "", "kubernetes");
    try (SSLServerSocket server = listen(List.of(ca.certificate()))) {
      CompletableFuture<Certificate[]> seen = LoopbackTls.accept(server);
      try (SSLSocket s = connect(server, ISSUER.kubernetesAdmin(otherCa))) {
        // TLS 1.3: the client learns of the refusal after its handshake, at its next use.
        assertThatThrownBy(
                () -> {
                  s.startHandshake();
                  s.getOutputStream().write(1);
                  s.getInputStream().read();
                })
            .isInstanceOf(IOException.class);
      }
      assertThat(seen).failsWithin(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void asksForNoClientCertificateWithoutCas() throws Exception {
    try (SSLServerSocket server = listen(List.of())) {
      CompletableFuture<Certificate[]> seen = LoopbackTls.accept(server);
      try (SSLSocket s = connect(server, null)) {
        s.startHandshake();
        s.getOutputStream().write(1);
        s.getInputStream().read();
      }
      assertThat(seen.get(10, TimeUnit.SECONDS)).isNull();
    }
  }

  @Test
  void theGrpcContextIsAServerSpeakingHttp2() {
    SslContext tls =
        ServerTls.grpc(serving.requireKey(), List.of(serving.certificate()), List.of());
    assertThat(tls.isServer()).isTrue();
    assertThat(tls.applicationProtocolNegotiator().protocols()).containsExactly("h2");
  }

  @Test
  void aServerIdentityIsOfferedOnlyAsAServerForItsKeyType() {
    SingleIdentityKeyManager keys =
        SingleIdentityKeyManager.server(serving.requireKey(), List.of(serving.certificate()));
    String algorithm = serving.certificate().getPublicKey().getAlgorithm();
    assertThat(keys.chooseServerAlias(algorithm, null, null))
        .isEqualTo(SingleIdentityKeyManager.ALIAS);
    assertThat(keys.chooseEngineServerAlias(algorithm, null, null))
        .isEqualTo(SingleIdentityKeyManager.ALIAS);
    assertThat(keys.getServerAliases("RSA", null)).isNull();
    assertThat(keys.chooseClientAlias(new String[] {algorithm}, null, null)).isNull();
  }

  private SSLServerSocket listen(List<X509Certificate> clientCas) throws IOException {
    return LoopbackTls.listen(
        ServerTls.jdk(serving.requireKey(), List.of(serving.certificate()), clientCas),
        !clientCas.isEmpty());
  }

  private SSLSocket connect(SSLServerSocket server, CertAndKey identity) throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(
        identity == null
            ? new KeyManager[0]
            : new KeyManager[] {
              new SingleIdentityKeyManager(identity.requireKey(), identity.certificate())
            },
        TrustAnchors.only(List.of(ca.certificate())),
        null);
    return LoopbackTls.connect(tls, server);
  }
}
