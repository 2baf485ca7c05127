package dev.ironkube.talos.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.talos.testing.TestBundles;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * The certificates work in a real JDK TLS 1.3 handshake the way apid uses them: an Ed25519 serving
 * certificate with an IP SAN, client certificates required, both chained to the OS CA.
 */
class MutualTlsTest {

  @Test
  void adminClientAndNodeServerCompleteAMutualHandshake() throws Exception {
    CertificateIssuer issuer = CertificateIssuer.systemDefault();
    CertAndKey osCa = TestBundles.fixed().os();
    CertAndKey server =
        issuer.serverCertificate(
            osCa, "node-1", List.of("127.0.0.1"), List.of("localhost"), Duration.ofHours(24));
    CertAndKey client = issuer.talosAdmin(osCa);

    try (SSLServerSocket listener =
        (SSLServerSocket)
            context(server, osCa)
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setNeedClientAuth(true);
      CompletableFuture<String> seenByServer =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                  InputStream in = accepted.getInputStream();
                  int b = in.read();
                  accepted.getOutputStream().write(b);
                  return ((X509Certificate) accepted.getSession().getPeerCertificates()[0])
                      .getSubjectX500Principal()
                      .getName();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      try (SSLSocket socket =
          (SSLSocket)
              context(client, osCa)
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
        var params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        OutputStream out = socket.getOutputStream();
        out.write(42);
        out.flush();
        assertThat(socket.getInputStream().read()).isEqualTo(42);
        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
      }
      assertThat(seenByServer.get(10, TimeUnit.SECONDS)).isEqualTo("O=os:admin");
    }
  }

  private static SSLContext context(CertAndKey identity, CertAndKey ca) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "identity",
        identity.requireKey(),
        new char[0],
        new Certificate[] {identity.certificate(), ca.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }
}
