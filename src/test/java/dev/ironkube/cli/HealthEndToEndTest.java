package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.platform.KubeConnectionProbe;
import dev.ironkube.sim.Faults;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * `ironkube health` against a simulated cluster: talosctl's checks (siderolabs/talos v1.11.6
 * pkg/cluster/check/default.go names them) pass on a fresh cluster, and a cordoned node fails "all
 * k8s nodes to report schedulable" (K8sAllNodesSchedulableAssertion) with exit code 9.
 */
class HealthEndToEndTest {
  private CliRun cli;

  @AfterEach
  void close() {
    if (cli != null) {
      cli.close();
    }
  }

  @Test
  void aFreshClusterIsHealthyAndACordonedNodeIsNot() throws Exception {
    cli = new CliRun(new Faults(151));
    CliRun.Result p =
        cli.run(
            "provision", "--simulate", "--yes", "--no-platform", "--name", "hc", "--workers", "1");
    assertThat(p.exitCode()).as(p.err()).isZero();

    // Like talosctl health, --wait polls: the worker's Cilium agent may still be starting.
    CliRun.Result h = cli.run("health", "hc", "--wait", "30s");
    assertThat(h.exitCode()).as(h.all()).isZero();
    for (String check :
        new String[] {
          "etcd to be healthy",
          "etcd members to be consistent across nodes",
          "etcd members to be control plane nodes",
          "apid to be ready",
          "kubelet to be healthy",
          "all control plane static pods to be running",
          "all k8s nodes to report ready",
          "cilium to report ready"
        }) {
      assertThat(h.out()).contains(check);
    }
    assertThat(h.out()).doesNotContain("FAILED");

    JsonNode json = new ObjectMapper().readTree(cli.run("health", "hc", "-o", "json").out());
    assertThat(json.path("healthy").asBoolean()).isTrue();
    assertThat(json.path("checks").size()).isGreaterThanOrEqualTo(10);

    String kubeconfig = Files.readString(cli.home().resolve("clusters/hc/kubeconfig"));
    KubeConnectionProbe.withClient(
        kubeconfig,
        c ->
            c.nodes()
                .withName("hc-workers-1")
                .edit(
                    n -> {
                      n.getSpec().setUnschedulable(true);
                      return n;
                    }));
    CliRun.Result sick = cli.run("health", "hc");
    assertThat(sick.exitCode()).as(sick.all()).isEqualTo(ExitCodes.UNHEALTHY);
    assertThat(sick.out()).contains("some nodes are not schedulable: [hc-workers-1]");
    assertThat(sick.err()).contains("cluster hc is unhealthy");

    CliRun.Result status = cli.run("status", "hc", "--live");
    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.UNHEALTHY);
    assertThat(status.out()).contains("Health:").contains("all k8s nodes to report schedulable");
    JsonNode live =
        new ObjectMapper().readTree(cli.run("status", "hc", "--live", "-o", "json").out());
    assertThat(live.path("name").asText()).isEqualTo("hc");
    assertThat(live.path("health").path("healthy").asBoolean(true)).isFalse();
  }
}
