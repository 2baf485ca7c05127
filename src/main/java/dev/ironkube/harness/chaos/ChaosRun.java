package dev.ironkube.harness.chaos;

import dev.ironkube.cli.CliEnvironment;
import dev.ironkube.cli.Ironkube;
import dev.ironkube.cli.Signals;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.sim.launch.Simulation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Executes one chaos run against a fresh simulated datacenter and checks the invariants: nothing
 * created is left unless the outcome says so, exit code and last line agree with the outcome, and
 * no secret reaches any output or log.
 */
final class ChaosRun {
  /** Upper bound of a run's modelled duration in real time, for choosing when to interrupt. */
  private final Duration typicalRun;

  private final double scale;
  private final Path workDir;

  ChaosRun(double scale, Path workDir, Duration typicalRun) {
    this.scale = scale;
    this.workDir = workDir;
    this.typicalRun = typicalRun;
  }

  /** Runs the CLI in process against the run's world. */
  @FunctionalInterface
  interface Cli {
    Invocation run(List<String> args);
  }

  /** What one invocation printed, and the phases it entered. */
  record Invocation(int exitCode, String out, String err, List<String> phases) {
    /**
     * The line a user or script reads last: stdout's on success (data ends with the billing
     * reminder), the error line on stderr otherwise.
     */
    String lastLine() {
      if (exitCode == 0) {
        return last(out);
      }
      return err.lines()
          .filter(l -> l.startsWith("ironkube: "))
          .reduce((a, b) -> b)
          .orElse(last(err));
    }

    private static String last(String text) {
      String t = text.strip();
      int nl = t.lastIndexOf('\n');
      return nl < 0 ? t : t.substring(nl + 1);
    }
  }

  RunResult execute(int index, long seed, Scenario scenario)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    Random random = new Random(seed);
    Faults faults = new Faults(seed);
    scenario.faults().forEach(faults::arm);
    RunWorld world =
        new RunWorld(scenario.profile(), scenario.setup(), workDir.resolve("run-" + index), random);
    List<String> violations = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String outcome;
    Invocation last;
    // A kind with a child process runs real: the child is a real run pointed at the world (it
    // cannot share this process's simulator), and the runs that follow it act on the cluster it
    // made, which a --simulate run refuses. The others run with --simulate and name the world's
    // key on the command line, the one place a simulated run takes a key from.
    boolean real = scenario.disturbance().childProcess();
    List<String> mode = real ? List.of() : List.of("--simulate", "--api-key", world.providerKey());
    List<String> provision = new ArrayList<>(List.of("provision"));
    provision.addAll(mode);
    provision.addAll(List.of("--yes", "-f", world.doc().toString()));
    Scenario.Topology topology = scenario.topology();
    provision.addAll(topology.flags());
    if (scenario.keepOnFailure()) {
      provision.add("--keep-on-failure");
    }
    if (scenario.setup().adoptDnsRecord()) {
      provision.add("--adopt-dns-record");
    }
    if (scenario.disturbance().upgrade()) {
      provision.addAll(List.of("--no-platform", "--talos-version", UpgradeChaos.FROM));
    }
    List<String> destroy = new ArrayList<>(List.of("destroy", RunWorld.CLUSTER));
    destroy.addAll(mode);
    destroy.addAll(List.of("--yes", "-f", world.doc().toString()));
    try (SimulatedDatacenter sim = world.start(new TimeModel(scale), faults, seed)) {
      Map<String, String> env = real ? world.childEnv(sim) : world.env();
      Cli cli = args -> inProcess(sim, env, null, null, args);
      List<String> childArgs =
          new ArrayList<>(List.of("provision", "--yes", "-f", world.doc().toString()));
      childArgs.addAll(topology.flags());
      if (scenario.disturbance().childProcess()) {
        // A child process downloads the platform's pinned manifests from the internet (only
        // --simulate swaps in the simulator's copy), which a chaos run has not: it would fail in
        // the preflight before the first order, and the kill would strike nothing. The runs of
        // these kinds therefore all leave the platform out, the child's and those that follow.
        childArgs.add("--no-platform");
        provision.add("--no-platform");
        if (scenario.profile().provider().equals("scaleway")) {
          // Only --simulate takes the cheapest offer when no plan is set; a child has nobody to
          // ask. The simulator's cheapest (as `ironkube plans --simulate --provider scaleway`
          // lists it), for every run of the cluster.
          List<String> offer = List.of("--plan", "EM-A610R-NVME", "--region", "fr-par-1");
          childArgs.addAll(offer);
          provision.addAll(offer);
        }
      }
      boolean killed = false;
      switch (scenario.disturbance()) {
        case CONCURRENT -> {
          var r =
              ConcurrentRun.concurrent(
                  sim, world, cli, childArgs, provision, scenario, typicalRun, random, violations);
          outputs.addAll(r.outputs());
          last = r.last();
          outcome = r.outcome();
        }
        case KILL_HOLDER_THEN_RESUME, KILL_HOLDER_THEN_DESTROY -> {
          killed = true;
          boolean resume = scenario.disturbance() == Scenario.Disturbance.KILL_HOLDER_THEN_RESUME;
          var r =
              ConcurrentRun.killHolder(
                  sim,
                  world,
                  cli,
                  childArgs,
                  resume ? provision : destroy,
                  resume,
                  scenario,
                  typicalRun,
                  random,
                  violations);
          outputs.addAll(r.outputs());
          last = r.last();
          outcome = r.outcome();
        }
        case NONE,
            UPGRADE_NEVER_RETURNS,
            UPGRADE_ETCD_UNHEALTHY,
            UPGRADE_CTRL_C,
            UPGRADE_KILL_THEN_RESUME -> {
          last = inProcess(sim, env, null, null, provision);
          outcome = classify(last, scenario);
        }
        case CTRL_C -> {
          long delay = (long) (random.nextDouble() * typicalRun.toMillis());
          last = inProcess(sim, env, Duration.ofMillis(delay), null, provision);
          outcome = last.exitCode() == 130 ? "interrupted" : classify(last, scenario);
        }
        case CTRL_C_AT -> {
          last = inProcess(sim, env, null, scenario.interruptAt(), provision);
          outcome = last.exitCode() == 130 ? "interrupted" : classify(last, scenario);
          if (!last.phases().contains(scenario.interruptAt())) {
            violations.add(
                "Ctrl-C aimed at phase "
                    + scenario.interruptAt()
                    + " but the run never entered it (entered: "
                    + String.join(", ", last.phases())
                    + ")");
          }
        }
        default -> {
          killed = true;
          Path log = world.home().resolve("killed-run.log");
          Process child =
              ChildProcess.start(world.childEnv(sim), log, childArgs.toArray(String[]::new));
          long delay = (long) (random.nextDouble() * (typicalRun.toMillis() + 1500));
          boolean finished = child.waitFor(delay, TimeUnit.MILLISECONDS);
          if (!finished) {
            child.destroyForcibly().waitFor();
          }
          String childLog = Files.readString(log);
          outputs.add(childLog);
          // A child that never ran (ended by itself before a phase, or refused by the launcher)
          // would pass the kill untested; one killed before its first phase was killed early.
          if (finished && !childLog.contains("==>") || childLog.contains("Could not find")) {
            violations.add(
                "the process to kill did not start: " + childLog.lines().findFirst().orElse(""));
          }
          if (scenario.disturbance() == Scenario.Disturbance.KILL_THEN_RESUME) {
            last = inProcess(sim, env, null, null, provision);
            outcome = "resumed-" + classify(last, scenario);
          } else {
            last = inProcess(sim, env, null, null, destroy);
            outcome = afterKill(last, world);
          }
        }
      }
      outputs.add(last.out());
      outputs.add(last.err());
      if (scenario.expect().orderNothing()) {
        Invariants.checkNothingOrdered(sim.requests(), violations);
      }
      Leftovers left = Leftovers.in(sim, scenario.profile());
      Invariants.check(left, outcome, last, scenario, violations);
      Invariants.checkTokens(sim, killed, "after " + outcome, violations);
      boolean scaledDown = false;
      Path clusterDir = world.clusterDir();
      if (outcome.endsWith("provisioned")) {
        if (scenario.profile().integrations()) {
          ClusterInvariants.checkLockedDown(
              sim, clusterDir, RunWorld.CLUSTER, topology, violations);
        } else {
          ClusterInvariants.checkAccess(clusterDir, RunWorld.CLUSTER, topology, violations);
        }
      }
      if (outcome.endsWith("left-running")) {
        // Not locked down: the operator's credentials must open every node of it.
        ClusterInvariants.checkAccess(clusterDir, RunWorld.CLUSTER, topology, violations);
      }
      String upgraded = null;
      if (scenario.disturbance().upgrade() && outcome.equals("provisioned")) {
        UpgradeChaos.Result u =
            UpgradeChaos.run(
                sim,
                world,
                (after, args) -> inProcess(sim, env, after, null, args),
                clusterDir,
                scenario,
                random,
                violations);
        outputs.addAll(u.outputs());
        upgraded = u.outcome();
      }
      if (scenario.setup().cutJournal()) {
        outputs.addAll(
            JournalCut.afterRun(
                sim, cli, clusterDir, scenario, outcome, provision, random, violations));
      } else if (outcome.endsWith("provisioned")
          && upgraded == null
          && !scenario.profile().integrations()
          && topology.workers() > 0) {
        // A locked-down cluster refuses `scale`; an open one loses its last worker.
        Invocation down =
            inProcess(sim, env, null, null, scale(topology.workers() - 1, mode, world));
        outputs.add(down.out());
        outputs.add(down.err());
        scaledDown = true;
        ClusterInvariants.checkScaledDown(
            down,
            Leftovers.in(sim, scenario.profile()),
            clusterDir,
            RunWorld.CLUSTER,
            topology,
            violations);
      }

      // Whatever the outcome, a destroy must leave the datacenter empty.
      Invocation end = inProcess(sim, env, null, null, destroy);
      outputs.add(end.out());
      outputs.add(end.err());
      if (end.exitCode() != 0 && !nothingKnown(end, world)) {
        violations.add("final destroy failed: " + end.lastLine());
      }
      Invariants.checkEmpty(
          Leftovers.in(sim, scenario.profile()), "after the final destroy", violations);
      if (scenario.setup().foreignDnsRecord()) {
        Invariants.checkForeignRecordAsItWas(sim, "after the final destroy", violations);
      }
      Invariants.checkTokens(sim, killed, "after the final destroy", violations);
      List<String> secrets = new ArrayList<>(world.secrets());
      sim.teleport().createdTokens().forEach(t -> secrets.add(t.name()));
      Invariants.checkSecrets(world.providerKey(), secrets, world.home(), outputs, violations);
      return new RunResult(
          index,
          seed,
          scenario.name(),
          scenario.profile().toString(),
          topology.toString(),
          scaledDown,
          scenario.interruptAt(),
          upgraded == null ? outcome : outcome + "+" + upgraded,
          last.exitCode(),
          last.lastLine(),
          (System.nanoTime() - started) / 1_000_000,
          faults.fired(),
          violations);
    }
  }

  /**
   * The outcome of a destroy after a kill: it deleted what the killed run left, or the kill struck
   * before that run made anything, not even the cluster's folder, so the destroy rightly answered
   * that no such cluster is known (exit 4; the leftover checks still see that nothing exists).
   */
  static String afterKill(Invocation destroy, RunWorld world) {
    return destroy.exitCode() == 0 || nothingKnown(destroy, world)
        ? "destroyed-after-kill"
        : "destroy-failed";
  }

  private static boolean nothingKnown(Invocation destroy, RunWorld world) {
    return destroy.exitCode() == ExitCodes.NOT_FOUND && !Files.isDirectory(world.clusterDir());
  }

  private static List<String> scale(int count, List<String> mode, RunWorld world) {
    List<String> args = new ArrayList<>(List.of("scale", RunWorld.CLUSTER));
    args.addAll(List.of("--count", Integer.toString(count)));
    args.addAll(mode);
    args.addAll(List.of("--yes", "-f", world.doc().toString()));
    return args;
  }

  static String classify(Invocation i, Scenario s) {
    if (i.exitCode() == 0) {
      return "provisioned";
    }
    if (i.exitCode() == ExitCodes.LEFT_RUNNING) {
      return "left-running";
    }
    return s.keepOnFailure() ? "kept" : "failed-cleaned";
  }

  /**
   * Runs the CLI in process. {@code interruptAfter} sends Ctrl-C after that long; {@code
   * interruptAt} sends it as the run enters that phase (seen through the narration's progress tap).
   */
  private Invocation inProcess(
      SimulatedDatacenter sim,
      Map<String, String> env,
      Duration interruptAfter,
      String interruptAt,
      List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicReference<Runnable> handler = new AtomicReference<>();
    Signals signals =
        r -> {
          handler.set(r);
          return () -> handler.set(null);
        };
    Runnable ctrlC =
        () -> {
          Runnable r = handler.get();
          if (r != null) {
            r.run();
          }
        };
    PhaseTap tap = new PhaseTap(interruptAt, ctrlC);
    CliEnvironment e =
        new CliEnvironment(
            Map.copyOf(env),
            workDir,
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Clock.systemUTC(),
            false,
            false,
            signals,
            Simulation.shared(sim),
            tap);
    Thread interrupter = null;
    if (interruptAfter != null) {
      interrupter =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      Thread.sleep(interruptAfter);
                      ctrlC.run();
                    } catch (InterruptedException ignored) {
                      Thread.currentThread().interrupt();
                    }
                  });
    }
    int code = Ironkube.run(e, args.toArray(String[]::new));
    if (interrupter != null) {
      interrupter.interrupt();
    }
    return new Invocation(
        code,
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        tap.entered());
  }
}
