package dev.ironkube.talos.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import dev.ironkube.talos.api.proto.common.Data;
import dev.ironkube.talos.testing.SimNodeFixture;
import dev.ironkube.talos.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's two blockers crossed end to end: the simulated node presents the maintenance
 * certificate Talos builds (siderolabs/talos secrets/maintenance_root.go + maintenance.go, crypto
 * certificate_authority.go: empty-subject root, empty-issuer leaf) and streams the kubeconfig as
 * v1alpha1_server.go Kubeconfig() does (one Data message, gzip around an unterminated tar); the
 * client provisions through both.
 */
class UpstreamWireEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void provisionsThroughTheCertificateAndKubeconfigStreamTalosReallySends() throws Exception {
    try (SimNodeFixture sim = SimNodeFixture.instant()) {
      X509Certificate presented = presentedCertificate(sim.ip, sim.node.port());
      assertThat(presented.getIssuerX500Principal().getEncoded()).containsExactly(0x30, 0x00);
      assertThat(presented.getSubjectX500Principal().getName())
          .isEqualTo("CN=maintenance-service.talos.dev");

      TalosClient maintenance = sim.maintenanceClient();
      assertThat(maintenance.awaitMaintenance(WAIT)).isNotEmpty();
      maintenance.applyConfiguration(sim.config().yaml());
      TalosClient admin = sim.adminClient();
      admin.awaitSecure(WAIT);
      admin.bootstrap(WAIT);

      List<Data> messages = new ArrayList<>();
      try (TalosChannel channel =
          TalosChannel.mutual(sim.ip, sim.node.port(), TestPki.admin(sim.osCa))) {
        channel
            .machine(sim.polling().withCallTimeout(WAIT))
            .kubeconfig(Empty.getDefaultInstance())
            .forEachRemaining(messages::add);
      }
      assertThat(messages).hasSize(1);
      byte[] tar;
      try (var in =
          new GZIPInputStream(new ByteArrayInputStream(messages.get(0).getBytes().toByteArray()))) {
        tar = in.readAllBytes();
      }
      long size = Long.parseLong(new String(tar, 124, 11, StandardCharsets.US_ASCII), 8);
      assertThat(tar).hasSize(512 + (int) size); // header and body, then nothing

      String kubeconfig = new String(admin.kubeconfig(), StandardCharsets.UTF_8);
      assertThat(kubeconfig).contains("Config").contains("client-key-data");
    }
  }

  /** The leaf the node sends, captured with BouncyCastle JSSE (the JDK cannot even parse it). */
  private static X509Certificate presentedCertificate(String host, int port) throws Exception {
    AtomicReference<X509Certificate> seen = new AtomicReference<>();
    SSLContext context =
        SSLContext.getInstance("TLS", new BouncyCastleJsseProvider(new BouncyCastleProvider()));
    context.init(null, new TrustManager[] {new Capture(seen)}, null);
    try (Socket raw = new Socket(host, port);
        SSLSocket tls =
            (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true)) {
      var params = tls.getSSLParameters();
      params.setApplicationProtocols(new String[] {"h2"});
      tls.setSSLParameters(params);
      tls.startHandshake();
    }
    return seen.get();
  }

  private static final class Capture extends X509ExtendedTrustManager {
    private final AtomicReference<X509Certificate> seen;

    Capture(AtomicReference<X509Certificate> seen) {
      this.seen = seen;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      seen.set(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      seen.set(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      seen.set(chain[0]);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
