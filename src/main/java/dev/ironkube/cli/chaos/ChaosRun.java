package dev.ironkube.cli.chaos;

import dev.ironkube.cli.CliEnvironment;
import dev.ironkube.cli.Ironkube;
import dev.ironkube.cli.Signals;
import dev.ironkube.cli.Simulation;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.SimulatedDatacenter;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.latitude.LatitudeOptions;
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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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

  /** What one invocation printed. */
  record Invocation(int exitCode, String out, String err) {
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
    String key = "lat_chaos_" + HexFormat.of().formatHex(randomBytes(random, 16));
    Faults faults = new Faults(seed);
    scenario.faults().forEach(faults::arm);
    Path home = workDir.resolve("run-" + index);
    Files.createDirectories(home);
    Path doc = home.resolve("cluster.yaml");
    Files.writeString(
        doc,
        """
        apiVersion: ironkube.dev/v1alpha1
        kind: Cluster
        metadata:
          name: chaos
        spec:
          plan: c2-small-x86
          region: CHI
          access:
            operatorCidrs: [127.0.0.1/32]
          waits:
            providerPollInterval: 20ms
            talosPollInterval: 10ms
            talosBootTimeout: 3s
            bootstrapTimeout: 5s
        """);
    List<String> violations = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String outcome;
    Invocation last;
    try (SimulatedDatacenter sim =
        Simulation.builder(new TimeModel(scale), faults)
            .latitude(
                LatitudeOptions.defaults()
                    .withApiKeys(Set.of(key))
                    .withSeed(seed)
                    .withTimeoutFaultDelay(Duration.ofSeconds(2)))
            .build()
            .start()) {
      Map<String, String> env = new HashMap<>();
      env.put("IRONKUBE_HOME", home.resolve("ironkube").toString());
      env.put("LATITUDE_API_KEY", key);
      List<String> provision =
          new ArrayList<>(List.of("provision", "--simulate", "--yes", "-f", doc.toString()));
      if (scenario.keepOnFailure()) {
        provision.add("--keep-on-failure");
      }
      switch (scenario.disturbance()) {
        case NONE -> {
          last = inProcess(sim, env, null, provision);
          outcome = classify(last, scenario);
        }
        case CTRL_C -> {
          long delay = (long) (random.nextDouble() * typicalRun.toMillis());
          last = inProcess(sim, env, Duration.ofMillis(delay), provision);
          outcome = last.exitCode() == 130 ? "interrupted" : classify(last, scenario);
        }
        default -> {
          Map<String, String> childEnv = new HashMap<>(env);
          childEnv.put("LATITUDE_API_URL", sim.latitudeUrl().toString());
          childEnv.put("IRONKUBE_IMAGE_FACTORY_URL", sim.imageFactoryUrl().toString());
          childEnv.put("IRONKUBE_PXE_URL", sim.pxeUrl().toString());
          Path log = home.resolve("killed-run.log");
          Process child =
              ChildProcess.start(childEnv, log, "provision", "--yes", "-f", doc.toString());
          long delay = (long) (random.nextDouble() * (typicalRun.toMillis() + 1500));
          boolean finished = child.waitFor(delay, TimeUnit.MILLISECONDS);
          if (!finished) {
            child.destroyForcibly().waitFor();
          }
          String childLog = Files.readString(log);
          outputs.add(childLog);
          if (!childLog.contains("==>") && !childLog.isBlank()
              || childLog.contains("Could not find")) {
            // A child that never ran would make the kill scenario pass without testing anything.
            violations.add(
                "the process to kill did not start: " + childLog.lines().findFirst().orElse(""));
          }
          if (scenario.disturbance() == Scenario.Disturbance.KILL_THEN_RESUME) {
            last = inProcess(sim, env, null, provision);
            outcome = "resumed-" + classify(last, scenario);
          } else {
            last = inProcess(sim, env, null, List.of("destroy", "chaos", "--simulate", "--yes"));
            outcome = last.exitCode() == 0 ? "destroyed-after-kill" : "destroy-failed";
          }
        }
      }
      outputs.add(last.out());
      outputs.add(last.err());
      Invariants.check(sim, outcome, last, scenario, violations);
      if (outcome.endsWith("provisioned")) {
        Invariants.checkAccess(home.resolve("ironkube/clusters/chaos"), violations);
      }

      // Whatever the outcome, a destroy must leave the datacenter empty.
      Invocation destroy =
          inProcess(sim, env, null, List.of("destroy", "chaos", "--simulate", "--yes"));
      outputs.add(destroy.out());
      outputs.add(destroy.err());
      if (destroy.exitCode() != 0) {
        violations.add("final destroy failed: " + destroy.lastLine());
      }
      Invariants.checkEmpty(sim, "after the final destroy", violations);
      Invariants.checkSecrets(key, home, outputs, violations);
      return new RunResult(
          index,
          seed,
          scenario.name(),
          outcome,
          last.exitCode(),
          last.lastLine(),
          (System.nanoTime() - started) / 1_000_000,
          faults.fired(),
          violations);
    }
  }

  private static String classify(Invocation i, Scenario s) {
    if (i.exitCode() == 0) {
      return "provisioned";
    }
    return s.keepOnFailure() ? "kept" : "failed-cleaned";
  }

  private Invocation inProcess(
      SimulatedDatacenter sim,
      Map<String, String> env,
      Duration interruptAfter,
      List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicReference<Runnable> handler = new AtomicReference<>();
    Signals signals =
        r -> {
          handler.set(r);
          return () -> handler.set(null);
        };
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
            sim);
    Thread interrupter = null;
    if (interruptAfter != null) {
      interrupter =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      Thread.sleep(interruptAfter);
                      Runnable r = handler.get();
                      if (r != null) {
                        r.run();
                      }
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
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
