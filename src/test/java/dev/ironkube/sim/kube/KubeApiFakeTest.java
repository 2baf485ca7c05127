package dev.ironkube.sim.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.platform.KubeConnectionProbe;
import dev.ironkube.platform.TestPki;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KubeApiFakeTest {
  private static final TestPki CLUSTER = TestPki.create();

  private KubeApiFake start() {
    return new KubeApiFake(
        InetAddress.getLoopbackAddress(),
        0,
        CLUSTER.caCertPem,
        CLUSTER.caKeyPem,
        TimeModel.instant(),
        Faults.none());
  }

  @Test
  void servesTheReadyNodeToAnAdminOfItsOwnCa() {
    try (KubeApiFake api = start()) {
      CniFixture.runCilium(api.cluster()); // Ready needs a CNI; no delay in the instant model
      String kubeconfig = CLUSTER.kubeconfig(api.url().toString(), "system:masters");
      assertThat(KubeConnectionProbe.readyNodes(kubeconfig)).containsExactly(api.nodeName());
    }
  }

  @Test
  void rejectsAClientCertificateFromAForeignCa() {
    try (KubeApiFake api = start()) {
      TestPki foreign = TestPki.create();
      String kubeconfig = foreign.kubeconfig(api.url().toString(), "system:masters");
      // The foreign kubeconfig also trusts the foreign CA only; trust our server to isolate
      // the client-certificate check.
      String mixed =
          kubeconfig.replaceFirst(
              "certificate-authority-data: \\S+",
              "certificate-authority-data: "
                  + Base64.getEncoder()
                      .encodeToString(CLUSTER.caCertPem.getBytes(StandardCharsets.UTF_8)));
      assertThatThrownBy(() -> KubeConnectionProbe.readyNodes(mixed)).isNotNull();
      assertThat(api.writes()).isEmpty();
    }
  }

  @Test
  void refusesAClientOutsideSystemMasters() {
    try (KubeApiFake api = start()) {
      String kubeconfig = CLUSTER.kubeconfig(api.url().toString(), "system:nodes");
      assertThatThrownBy(() -> KubeConnectionProbe.readyNodes(kubeconfig))
          .hasMessageContaining("403");
    }
  }
}
