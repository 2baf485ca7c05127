package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.api.TalosIdentity;
import dev.ironkube.talos.stage.KubeApiProbe;
import dev.ironkube.talos.talosconfig.Talosconfig;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The done-when scenario of issue #15's upgrades: a 3 control plane + 2 worker cluster made on the
 * previous Talos minor is upgraded to the current one and then to a newer Kubernetes, through the
 * CLI against the simulator, while a probe asks the Kubernetes API (at any control plane, as a load
 * balancer or the DNS name would) and records the longest gap.
 */
class UpgradeEndToEndTest {
  /**
   * An upgrade's reboot, long enough for the probe (every 50 ms) to tell a gap from polling noise:
   * two control planes down at once would leave no answer for ten probes in a row.
   */
  private static final Duration REBOOT = Duration.ofMillis(500);

  private CliRun cli;

  @AfterEach
  void close() {
    if (cli != null) {
      cli.close();
    }
  }

  /**
   * The Talos and Kubernetes probe interval of every command here. A simulated provision scales its
   * polls with the time model by itself; `upgrade` reads the waits as a real run would (500 ms
   * between probes), which in this test would be most of each node's wait. The home document sets
   * it, as the chaos harness's cluster document does, and every command of the test reads it.
   */
  private void shortPolls() throws java.io.IOException {
    Files.createDirectories(cli.home());
    Files.writeString(
        cli.home().resolve("config.yaml"),
        "apiVersion: ironkube.dev/v1alpha1\nkind: Cluster\nspec:\n  waits:\n"
            + "    talosPollInterval: 10ms\n");
  }

  private static final List<String> NODES =
      List.of("up-cp-1", "up-cp-2", "up-cp-3", "up-workers-1", "up-workers-2");

  @Test
  void aFiveNodeClusterOnThePreviousMinorUpgradesTalosThenKubernetesWhileTheApiAnswers()
      throws Exception {
    TimeModel time =
        new TimeModel(CliRun.SCALE)
            .override("talos.reboot", REBOOT)
            .override("talos.upgrade.install", Duration.ofMillis(200))
            .override("kube.node.monitor-grace", Duration.ofMillis(300));
    cli = new CliRun(new Faults(151), time);
    shortPolls();
    CliRun.Result made =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--no-platform",
            "--name",
            "up",
            "--control-planes",
            "3",
            "--workers",
            "2",
            "--talos-version",
            "v1.13.10");
    assertThat(made.exitCode()).as(made.err()).isZero();
    Talosconfig tc = Talosconfig.read(cli.home().resolve("clusters/up/talosconfig"));
    for (String address : tc.nodes()) {
      assertThat(talosVersion(tc, address)).isEqualTo("v1.13.10");
    }

    // The plan first: nothing changes.
    CliRun.Result plan =
        cli.run("upgrade", "up", "--talos-version", "v1.14.6", "--dry-run", "--simulate");
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("v1.13.10 -> v1.14.6").contains("metal-installer/");
    assertThat(plan.out().lines().filter(l -> l.contains("pending"))).hasSize(5);
    assertThat(talosVersion(tc, tc.nodes().get(0))).isEqualTo("v1.13.10");

    // Skipping a minor and downgrading are refused before anything is sent.
    CliRun.Result downgrade = cli.run("upgrade", "up", "--talos-version", "v1.12.12", "--simulate");
    assertThat(downgrade.exitCode()).isEqualTo(2);
    assertThat(downgrade.err()).contains("older than v1.13.10").contains("rollback");

    String kubeconfig = Files.readString(cli.home().resolve("clusters/up/kubeconfig"));
    try (ApiProbe probe = new ApiProbe(kubeconfig, tc.endpoints())) {
      CliRun.Result talos =
          cli.run("upgrade", "up", "--talos-version", "v1.14.6", "--simulate", "-o", "json");
      assertThat(talos.exitCode()).as(talos.err()).isZero();
      assertThat(talos.out()).contains("\"to\" : \"v1.14.6\"").doesNotContain("pending");
      // Control planes first, one at a time; each worker drained before its upgrade.
      String err = talos.err();
      assertThat(err.indexOf("Upgrading up-cp-3"))
          .isLessThan(err.indexOf("Upgrading up-workers-1"));
      assertThat(err).contains("up-workers-1: cordon and drain");
      for (String address : tc.nodes()) {
        assertThat(talosVersion(tc, address)).isEqualTo("v1.14.6");
      }
      KubeApiProbe kube = KubeApiProbe.fromKubeconfig(kubeconfig).dialling(tc.endpoints().get(0));
      for (String n : NODES) {
        assertThat(kube.nodeReady(n)).as(n).contains(true);
      }

      CliRun.Result k8s = cli.run("upgrade", "up", "--kubernetes-version", "v1.37.1", "--simulate");
      assertThat(k8s.exitCode()).as(k8s.err()).isZero();
      assertThat(k8s.out()).contains("1.36.3 -> 1.37.1");
      assertThat(k8s.err()).contains("kube-apiserver 1.37.1").contains("kubelet 1.37.1");
      assertThat(probe.longestGap())
          .as("the API answered at some control plane throughout")
          .isLessThan(REBOOT);
    }
    // A re-run has nothing left to do.
    CliRun.Result again = cli.run("upgrade", "up", "--talos-version", "v1.14.6", "--simulate");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out().lines().filter(l -> l.contains("already"))).hasSize(5);

    // The journal now holds the upgraded versions: a run that asks for the old one is refused
    // before anything is ordered.
    int servers = cli.sim.latitude().servers().size();
    CliRun.Result old =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--no-platform",
            "--name",
            "up",
            "--talos-version",
            "v1.13.10");
    assertThat(old.exitCode()).as(old.err()).isEqualTo(2);
    assertThat(old.err())
        .contains("runs Talos v1.14.6 and this run asks for v1.13.10")
        .contains("ironkube upgrade up --talos-version v1.13.10");
    assertThat(cli.sim.latitude().servers()).hasSize(servers);
  }

  @Test
  void aFailedNodeStopsTheRolloutNamingItAndTheNextRunContinuesFromThere() throws Exception {
    TimeModel time =
        new TimeModel(CliRun.SCALE)
            .override("talos.reboot", Duration.ofMillis(300))
            .override("kube.node.monitor-grace", Duration.ofMillis(100));
    cli =
        new CliRun(
            new Faults(152).arm(Faults.Rule.once("talos.upgrade.pull@up-cp-2", "pull-failed")),
            time);
    shortPolls();
    CliRun.Result made =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--no-platform",
            "--name",
            "up",
            "--control-planes",
            "3",
            "--talos-version",
            "v1.13.10");
    assertThat(made.exitCode()).as(made.err()).isZero();
    Talosconfig tc = Talosconfig.read(cli.home().resolve("clusters/up/talosconfig"));

    CliRun.Result first = cli.run("upgrade", "up", "--talos-version", "v1.14.6", "--simulate");
    assertThat(first.exitCode()).isNotZero();
    assertThat(first.err())
        .contains("the Talos upgrade stopped at up-cp-2")
        .contains("error validating installer image")
        .contains("run the same command again");
    assertThat(talosVersion(tc, tc.endpoints().get(0))).isEqualTo("v1.14.6");
    assertThat(talosVersion(tc, tc.endpoints().get(1))).isEqualTo("v1.13.10");
    String journal = Files.readString(cli.home().resolve("clusters/up/journal.jsonl"));
    assertThat(journal).contains("upgrade talos up-cp-1 to v1.14.6");

    CliRun.Result second = cli.run("upgrade", "up", "--talos-version", "v1.14.6", "--simulate");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out())
        .containsPattern("up-cp-1 .* already")
        .containsPattern("up-cp-2 .* done");
    assertThat(second.err()).doesNotContain("Upgrading up-cp-1");
    for (String address : tc.nodes()) {
      assertThat(talosVersion(tc, address)).isEqualTo("v1.14.6");
    }

    // A worker added now runs what the others run: Talos v1.14.6 from the upgrade, and Kubernetes
    // 1.36.3 as provisioned on v1.13.10 (not v1.14.6's default 1.37.1), both from the journal.
    CliRun.Result scaled =
        cli.run("scale", "up", "--pool", "workers", "--count", "1", "--simulate", "--yes");
    assertThat(scaled.exitCode()).as(scaled.err()).isZero();
    tc = Talosconfig.read(cli.home().resolve("clusters/up/talosconfig"));
    assertThat(tc.nodes()).hasSize(4);
    assertThat(talosVersion(tc, tc.nodes().get(3))).isEqualTo("v1.14.6");
    String kubeconfig = Files.readString(cli.home().resolve("clusters/up/kubeconfig"));
    KubeApiProbe kube = KubeApiProbe.fromKubeconfig(kubeconfig).dialling(tc.endpoints().get(0));
    assertThat(kube.kubeletVersion("up-workers-1"))
        .hasValueSatisfying(v -> assertThat(v).endsWith("1.36.3"));
  }

  private static String talosVersion(Talosconfig tc, String address) {
    try (TalosClient c =
        TalosClient.secure(
            address, new TalosIdentity(tc.caPem(), tc.certificatePem(), tc.keyPkcs8Pem()))) {
      return c.version().tag();
    }
  }

  /** Asks /version at every control plane in turn every 50 ms; records the longest silence. */
  static final class ApiProbe implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong longest = new AtomicLong();
    private final Thread thread;

    ApiProbe(String kubeconfig, List<String> controlPlanes) throws Exception {
      List<KubeApiProbe> probes =
          controlPlanes.stream()
              .map(
                  cp -> {
                    try {
                      return KubeApiProbe.fromKubeconfig(kubeconfig).dialling(cp);
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  })
              .toList();
      thread =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    long lastOk = System.nanoTime();
                    while (running.get()) {
                      boolean ok = probes.stream().anyMatch(p -> p.version().isPresent());
                      long now = System.nanoTime();
                      if (ok) {
                        lastOk = now;
                      } else {
                        longest.accumulateAndGet(now - lastOk, Math::max);
                      }
                      try {
                        Thread.sleep(50);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
    }

    Duration longestGap() {
      return Duration.ofNanos(longest.get());
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }
}
