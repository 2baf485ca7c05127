package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.platform.KubeConnectionProbe;
import dev.ironkube.sim.Faults;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * `provision --no-platform` stops after Kubernetes and its CNI: the node is Ready because Cilium,
 * which Talos created from the config's inline manifest, runs on it; nothing of the platform (Argo
 * CD and the rest) is installed.
 */
class NoPlatformEndToEndTest {
  private CliRun cli;

  @AfterEach
  void close() {
    if (cli != null) {
      cli.close();
    }
  }

  @Test
  void endsWithAReadyNodeRunningCiliumAndNoPlatform() throws Exception {
    cli = new CliRun(new Faults(17));
    CliRun.Result r = cli.run("provision", "--simulate", "--yes", "--no-platform", "--name", "np");
    assertThat(r.exitCode()).as(r.err()).isZero();

    String kubeconfig = Files.readString(cli.home().resolve("clusters/np/kubeconfig"));
    assertThat(KubeConnectionProbe.readyNodes(kubeconfig)).hasSize(1);
    KubeConnectionProbe.withClient(
        kubeconfig,
        c -> {
          // Talos created the install Job from the inline manifest; its cilium-cli the agent.
          assertThat(
                  c.batch().v1().jobs().inNamespace("kube-system").withName("cilium-install").get())
              .isNotNull();
          var agent = c.apps().daemonSets().inNamespace("kube-system").withName("cilium").get();
          assertThat(agent).isNotNull();
          assertThat(agent.getStatus().getNumberReady()).isPositive();
          assertThat(c.namespaces().withName("argocd").get()).as("no platform").isNull();
          return null;
        });

    // A later run that does not say otherwise keeps the cluster's choice (the journal's).
    CliRun.Result again = cli.run("provision", "--simulate", "--yes", "--name", "np");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).doesNotContain("Argo CD");
    KubeConnectionProbe.withClient(
        kubeconfig,
        c -> {
          assertThat(c.namespaces().withName("argocd").get()).as("still no platform").isNull();
          return null;
        });
  }
}
