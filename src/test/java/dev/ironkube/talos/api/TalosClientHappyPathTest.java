package dev.ironkube.talos.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ironkube.sim.talos.TalosNodeFake;
import dev.ironkube.talos.testing.SimNodeFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The single-node sequence of shared/reference/talos.md section 10, over real TLS and mTLS. */
class TalosClientHappyPathTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void maintenanceApplyBootstrapHealthyKubeconfig() throws Exception {
    try (SimNodeFixture sim = SimNodeFixture.instant()) {
      TalosClient maintenance = sim.maintenanceClient();
      assertThat(maintenance.awaitMaintenance(WAIT)).isNotEmpty();
      // Talos 1.11 refuses Version in maintenance; the client reads the COSI resource instead.
      assertThat(maintenance.version().tag()).isEqualTo("v1.11.6");
      assertThat(maintenance.disks())
          .extracting(DiskInfo::path, DiskInfo::type)
          .contains(Tuple.tuple("/dev/nvme0n1", "NVME"), Tuple.tuple("/dev/sda", "SSD"));

      ApplyResult applied = maintenance.applyConfiguration(sim.config().yaml());
      assertThat(applied.outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);

      TalosClient admin = sim.adminClient();
      NodeVersion version = admin.awaitSecure(WAIT);
      assertThat(version.tag()).isEqualTo("v1.11.6");
      assertThat(version.platform()).isEqualTo("metal");
      assertThat(sim.node.mode()).isEqualTo(TalosNodeFake.Mode.CONFIGURED);

      assertThat(admin.bootstrap(WAIT)).isEqualTo(TalosClient.BootstrapResult.BOOTSTRAPPED);
      var services = admin.awaitHealthy(Set.of("etcd", "kubelet", "apid", "trustd"), WAIT);
      assertThat(services)
          .filteredOn(s -> s.id().equals("etcd"))
          .allMatch(ServiceStatus::runningAndHealthy);
      assertThat(admin.etcdMembers()).hasSize(1);

      JsonNode kubeconfig = new ObjectMapper(new YAMLFactory()).readTree(admin.kubeconfig());
      JsonNode cluster = kubeconfig.path("clusters").get(0).path("cluster");
      assertThat(cluster.path("server").asText()).isEqualTo("https://" + sim.ip + ":6443");
      X509Certificate ca = certificate(cluster.path("certificate-authority-data").asText());
      assertThat(ca).isEqualTo(sim.k8sCa.certificate());
      X509Certificate user =
          certificate(
              kubeconfig
                  .path("users")
                  .get(0)
                  .path("user")
                  .path("client-certificate-data")
                  .asText());
      assertThat(user.getSubjectX500Principal().getName()).contains("O=system:masters");
      user.verify(sim.k8sCa.certificate().getPublicKey());

      // The Kubernetes API serves with a certificate from the same CA.
      int port = sim.node.kubernetesApi().orElseThrow().port();
      HttpResponse<String> answer = get(ca, "https://" + sim.ip + ":" + port + "/version");
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("gitVersion");
    }
  }

  @Test
  void resetReturnsTheNodeToMaintenance() {
    try (SimNodeFixture sim = SimNodeFixture.instant()) {
      sim.maintenanceClient().applyConfiguration(sim.config().yaml());
      TalosClient admin = sim.adminClient();
      admin.awaitSecure(WAIT);
      admin.bootstrap(WAIT);

      admin.reset(false, true);

      assertThat(sim.maintenanceClient().awaitMaintenance(WAIT)).isNotEmpty();
      assertThat(sim.node.mode()).isEqualTo(TalosNodeFake.Mode.MAINTENANCE);
      assertThat(sim.node.resets()).isEqualTo(1);
      assertThat(sim.node.appliedConfig()).isEmpty();
      assertThat(sim.node.bootstrapped()).isFalse();
    }
  }

  private static X509Certificate certificate(String base64Pem) {
    String pem = new String(Base64.getDecoder().decode(base64Pem), StandardCharsets.US_ASCII);
    return PemKeys.certificates(pem).get(0);
  }

  private static HttpResponse<String> get(X509Certificate ca, String url) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    try (HttpClient http = HttpClient.newBuilder().sslContext(tls).build()) {
      return http.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
