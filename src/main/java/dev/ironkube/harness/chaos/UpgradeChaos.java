package dev.ironkube.harness.chaos;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.talos.api.Polling;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.api.TalosIdentity;
import dev.ironkube.talos.talosconfig.Talosconfig;
import dev.ironkube.time.Poller;
import dev.ironkube.time.Sleeper;
import dev.ironkube.workflow.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The upgrade kinds of a chaos run, after a cluster of three control planes was provisioned on the
 * previous Talos minor ({@link #FROM}): a rolling upgrade to the current one ({@link #TO}) meets a
 * node that never returns from its reboot, a control plane whose etcd stays unhealthy after it, a
 * Ctrl-C at a random instant (then the same command again), or a kill -9 of the process (then the
 * same command again). Throughout, a watcher asks every control plane's Talos API: never more than
 * one control plane may be down and etcd must stay healthy on a quorum of them. A rollout that was
 * resumed must end with every node on one version, healthy; one that met a broken node must stop
 * there, naming it, with the nodes after it untouched. The run's final destroy then proves nothing
 * leaked.
 */
final class UpgradeChaos {
  static final String FROM = "v1.13.10";
  static final String TO = "v1.14.6";

  /**
   * How long the rollout waits for a node that is not coming back. At the harness's scale a
   * modelled 90 s reboot is 45 ms; every upgrade kind, with a never-returning node in 3+0, 3+1 and
   * 3+2 clusters, ran at 1 s for seeds 3 and 8 without a healthy node timing out.
   */
  static final String NODE_TIMEOUT = "1s";

  /** Runs the CLI in process; Ctrl-C after {@code interruptAfter} unless null. */
  @FunctionalInterface
  interface Cli {
    ChaosRun.Invocation run(Duration interruptAfter, List<String> args);
  }

  /** What the upgrade part of a run ended as, with everything it printed. */
  record Result(String outcome, List<String> outputs) {}

  private UpgradeChaos() {}

  static Result run(
      SimulatedDatacenter sim,
      RunWorld world,
      Cli cli,
      Path clusterDir,
      Scenario scenario,
      Random random,
      List<String> violations)
      throws IOException, InterruptedException {
    Talosconfig tc = Talosconfig.read(clusterDir.resolve("talosconfig"));
    List<String> upgrade =
        List.of(
            "upgrade",
            RunWorld.CLUSTER,
            "--talos-version",
            TO,
            "--node-timeout",
            NODE_TIMEOUT,
            "-f",
            world.doc().toString());
    List<String> outputs = new ArrayList<>();
    List<String> order = scenario.topology().hosts(RunWorld.CLUSTER);
    String outcome;
    try (Watcher watcher = new Watcher(tc)) {
      switch (scenario.disturbance()) {
        case UPGRADE_NEVER_RETURNS, UPGRADE_ETCD_UNHEALTHY -> {
          String broken = scenario.expect().mentions();
          if (scenario.disturbance() == Scenario.Disturbance.UPGRADE_ETCD_UNHEALTHY) {
            // Armed only now: it strikes the node's next boot, the one its upgrade makes.
            sim.faults().arm(Faults.Rule.always("talos.service.etcd@" + broken, "never-healthy"));
          }
          ChaosRun.Invocation r = cli.run(null, upgrade);
          outputs.add(r.out());
          outputs.add(r.err());
          outcome = "upgrade-stopped";
          if (r.exitCode() == 0) {
            violations.add("the upgrade succeeded although " + broken + " was broken");
          } else if (!r.err().contains("stopped at " + broken)) {
            violations.add("the failed upgrade does not name " + broken + ": " + r.lastLine());
          }
          Journal journal =
              Journal.open(clusterDir.resolve("journal.jsonl"), Clock.systemUTC(), line -> {});
          checkStoppedAt(tc, journal, order, broken, violations);
        }
        case UPGRADE_CTRL_C -> {
          Duration at = Duration.ofMillis(random.nextInt(2500));
          ChaosRun.Invocation first = cli.run(at, upgrade);
          outputs.add(first.out());
          outputs.add(first.err());
          if (first.exitCode() != 0 && first.exitCode() != 130) {
            violations.add("Ctrl-C'd upgrade exited " + first.exitCode() + ": " + first.lastLine());
          }
          outcome = resume(cli, upgrade, tc, first.exitCode() == 130, outputs, violations);
        }
        case UPGRADE_KILL_THEN_RESUME -> {
          Path log = world.home().resolve("killed-upgrade.log");
          Process child =
              ChildProcess.start(world.childEnv(sim), log, upgrade.toArray(String[]::new));
          // Killed mid-rollout: once the first node's upgrade began, at a random instant after.
          boolean finished = awaitLine(child, log, "==> Upgrading");
          if (!finished) {
            finished = child.waitFor(random.nextInt(1500), TimeUnit.MILLISECONDS);
          }
          if (!finished) {
            child.destroyForcibly().waitFor();
          }
          String childLog = Files.readString(log);
          outputs.add(childLog);
          if (!childLog.contains("==>")) {
            violations.add(
                "the upgrade to kill did not start: " + childLog.lines().findFirst().orElse(""));
          }
          outcome = resume(cli, upgrade, tc, !finished, outputs, violations);
        }
        default -> throw new IllegalArgumentException(scenario.name() + " is no upgrade kind");
      }
      watcher.close();
      violations.addAll(watcher.violations());
    }
    return new Result(outcome, outputs);
  }

  /** Waits (up to 30 s) until {@code log} holds {@code line}; true when the child ended first. */
  private static boolean awaitLine(Process child, Path log, String line)
      throws IOException, InterruptedException {
    // The pause between looks is a wait on the child, so that its end is seen at once.
    Sleeper waitOnChild = d -> child.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
    Poller.Poll<Boolean> seen;
    try {
      seen =
          new Poller(Clock.systemUTC(), waitOnChild)
              .lastPoll(
                  Duration.ofSeconds(30),
                  Duration.ofMillis(20),
                  () -> {
                    if (logHolds(log, line)) {
                      return Poller.Poll.done(false);
                    }
                    return child.isAlive()
                        ? Poller.Poll.notYet("no line yet")
                        : Poller.Poll.done(true);
                  });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return seen instanceof Poller.Poll.Done<Boolean> done && done.value();
  }

  private static boolean logHolds(Path log, String line) {
    try {
      return Files.exists(log) && Files.readString(log).contains(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same command again, which must finish the rollout: every node on {@link #TO}. */
  private static String resume(
      Cli cli,
      List<String> upgrade,
      Talosconfig tc,
      boolean stopped,
      List<String> outputs,
      List<String> violations) {
    ChaosRun.Invocation again = cli.run(null, upgrade);
    outputs.add(again.out());
    outputs.add(again.err());
    if (again.exitCode() != 0) {
      violations.add("the resumed upgrade failed: " + again.lastLine());
    }
    for (String node : tc.nodes()) {
      Optional<String> v = version(tc, node);
      if (!v.equals(Optional.of(TO))) {
        violations.add(node + " ended on " + v.orElse("nothing (down)") + ", not " + TO);
      }
    }
    return stopped ? "upgrade-resumed" : "upgraded";
  }

  /**
   * A rollout that stopped at {@code broken}: the nodes before it run {@link #TO}, the nodes after
   * it still run {@link #FROM} (it went no further).
   */
  private static void checkStoppedAt(
      Talosconfig tc, Journal journal, List<String> order, String broken, List<String> violations) {
    int at = order.indexOf(broken);
    for (int i = 0; i < order.size(); i++) {
      if (i == at) {
        continue;
      }
      String address = journal.value("ipv4 " + order.get(i)).orElse("");
      Optional<String> v = version(tc, address);
      String want = i < at ? TO : FROM;
      if (!v.equals(Optional.of(want))) {
        violations.add(
            order.get(i)
                + " runs "
                + v.orElse("nothing (down)")
                + " after a stop at "
                + broken
                + ", want "
                + want);
      }
    }
  }

  private static Optional<String> version(Talosconfig tc, String address) {
    try (TalosClient c = client(tc, address)) {
      return Optional.of(c.version().tag());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static TalosClient client(Talosconfig tc, String address) {
    return TalosClient.secure(
        address,
        TalosClient.APID_PORT,
        new TalosIdentity(tc.caPem(), tc.certificatePem(), tc.keyPkcs8Pem()),
        Polling.defaults().withCallTimeout(Duration.ofMillis(500)));
  }

  /**
   * Samples every control plane's Talos API while the upgrade runs: how many do not answer, and on
   * how many etcd is healthy. More than one down, or healthy etcd below a quorum, is a violation.
   */
  static final class Watcher implements AutoCloseable {
    private final Talosconfig tc;
    private final List<String> addresses;
    private final List<TalosClient> controlPlanes = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    Watcher(Talosconfig tc) {
      this.tc = tc;
      this.addresses = tc.endpoints();
      for (String cp : addresses) {
        controlPlanes.add(client(tc, cp));
      }
      thread = Thread.ofPlatform().daemon().name("upgrade-watcher").start(this::watch);
    }

    private void watch() {
      int quorum = controlPlanes.size() / 2 + 1;
      while (running) {
        int down = 0;
        int healthy = 0;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < controlPlanes.size(); i++) {
          Optional<Boolean> etcd = etcdHealthy(i);
          if (etcd.isEmpty()) {
            down++;
            seen.add(addresses.get(i) + " down");
          } else {
            healthy += etcd.get() ? 1 : 0;
            seen.add(addresses.get(i) + (etcd.get() ? " up" : " up, etcd not healthy"));
          }
        }
        synchronized (this) {
          if (down > 1 && violations.size() < 3) {
            violations.add(down + " control planes down at once during the upgrade: " + seen);
          }
          if (healthy < quorum && violations.size() < 3) {
            violations.add(
                "etcd healthy on "
                    + healthy
                    + " of "
                    + controlPlanes.size()
                    + " (quorum lost): "
                    + seen);
          }
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /**
     * Whether etcd is healthy on control plane {@code i}; empty when its Talos API does not answer.
     * A failed call is tried once more on a fresh connection: a gRPC channel whose connection broke
     * (the node rebooted) waits out a reconnect backoff and fails fast meanwhile, which would count
     * a node that is back as down. One call per sample (ServiceList answers only when apid does):
     * the watcher samples every few milliseconds on the machine the rollout runs on.
     */
    private Optional<Boolean> etcdHealthy(int i) {
      for (int attempt = 0; attempt < 2; attempt++) {
        try {
          TalosClient c = controlPlanes.get(i);
          return Optional.of(
              c.serviceList().stream()
                  .anyMatch(s -> s.id().equals("etcd") && s.runningAndHealthy()));
        } catch (RuntimeException e) {
          controlPlanes.get(i).close();
          controlPlanes.set(i, client(tc, addresses.get(i)));
        }
      }
      return Optional.empty();
    }

    synchronized List<String> violations() {
      return List.copyOf(violations);
    }

    @Override
    public void close() throws InterruptedException {
      if (running) {
        running = false;
        thread.join();
        controlPlanes.forEach(TalosClient::close);
      }
    }
  }
}
