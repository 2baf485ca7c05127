package dev.ironkube.harness.bench;

import dev.ironkube.cli.CliEnvironment;
import dev.ironkube.cli.Ironkube;
import dev.ironkube.cli.Signals;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.LoopbackAllocator;
import dev.ironkube.sim.SimEvents;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One provision, in process, against a fresh simulated datacenter running the bench model: the real
 * CLI ({@code provision --simulate --yes}) with the datacenter shared through the environment and
 * the narration tapped by a {@link StepRecorder}. Nothing is faked on the tool's side.
 */
final class BenchRun {
  /**
   * What one run measured.
   *
   * @param exitCode the CLI's exit code (0 when the cluster came up)
   * @param wallMillis from invoking the CLI to its return
   * @param floorMillis the model's critical path, scaled
   * @param overhead (wall - floor) / floor
   * @param lags detection lag per wait
   * @param requests the provider request budget
   * @param steps every step with when it started (ms after the run began) and how long it took
   * @param error the last lines of stderr when the run failed, else empty
   */
  record Result(
      int exitCode,
      double wallMillis,
      double floorMillis,
      double overhead,
      List<Waits.Lag> lags,
      RequestBudget requests,
      List<StepTime> steps,
      String error) {}

  /** One step of the run, for finding where the overhead goes. */
  record StepTime(String step, double atMillis, double tookMillis) {}

  private BenchRun() {}

  static Result run(BenchModel model) throws IOException {
    return run(model, 1, 0);
  }

  /** One provision of {@code controlPlanes} control planes and {@code workers} workers. */
  static Result run(BenchModel model, int controlPlanes, int workers) throws IOException {
    Path home = Files.createTempDirectory("ironkube-bench");
    try (SimulatedDatacenter sim =
        Simulation.builder(model.timeModel(), Faults.none())
            .addresses(new LoopbackAllocator(ownBlock(), List.of(50000, 6443)))
            .build()
            .start()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      StepRecorder[] recorder = new StepRecorder[1];
      CliEnvironment env =
          new CliEnvironment(
              Map.of(),
              home,
              new ByteArrayInputStream(new byte[0]),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              Clock.systemUTC(),
              false,
              false,
              Signals.NONE,
              Simulation.shared(sim),
              p -> recorder[0] = new StepRecorder(p));
      long start = System.nanoTime();
      int code =
          Ironkube.run(
              env,
              "provision",
              "--simulate",
              "--yes",
              "--no-platform",
              "--name",
              "bench",
              "--control-planes",
              Integer.toString(controlPlanes),
              "--workers",
              Integer.toString(workers));
      long end = System.nanoTime();
      double wall = (end - start) / 1e6;
      double floor = model.floor(controlPlanes).toNanos() / 1e6;
      List<StepRecorder.Span> spans = recorder[0] == null ? List.of() : recorder[0].spans();
      SimEvents events = sim.events();
      double modelledMinutes = (end - start) / 1e9 / model.scale() / 60;
      double bootWait =
          events
              .first(SimEvents.SERVER_CREATED)
              .flatMap(
                  c ->
                      spans.stream()
                          .filter(s -> Waits.ALL.get(0).step().test(s.title()))
                          .findFirst()
                          .map(s -> (s.endNanos() - c.nanos()) / 1e9 / model.scale() / 60))
              .orElse(0.0);
      String stderr = err.toString(StandardCharsets.UTF_8);
      return new Result(
          code,
          wall,
          floor,
          (wall - floor) / floor,
          Waits.lags(events, spans),
          RequestBudget.of(sim.requests().entries(), modelledMinutes, bootWait),
          spans.stream()
              .map(
                  s ->
                      new StepTime(
                          s.title(),
                          (s.startNanos() - start) / 1e6,
                          (s.endNanos() - s.startNanos()) / 1e6))
              .toList(),
          code == 0 ? "" : tail(stderr, 12));
    } finally {
      TempTrees.delete(home);
    }
  }

  /**
   * A loopback block of this process's own (127.0.200-249.x): other simulators on the machine start
   * at 127.0.1.1 and, while a node reboots, its port is free for one of them to take.
   */
  static int ownBlock() {
    return 200 + (int) (ProcessHandle.current().pid() % 50);
  }

  private static String tail(String text, int lines) {
    String[] all = text.split("\n");
    return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
  }
}
