package dev.ironkube.cli;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.sim.launch.Simulation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the real CLI in process, as jbang's tests do: a fresh home, injected environment and
 * streams, and a simulated datacenter the test owns and can inspect.
 */
final class CliRun implements AutoCloseable {
  /** What a run printed and returned. */
  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  final Path userHome;
  final Map<String, String> env = new HashMap<>();
  final Faults faults;
  final SimulatedDatacenter sim;
  String stdin = "";

  /** The clock commands see; a test moves it to see what a user sees months later. */
  Clock clock = Clock.systemUTC();

  boolean interactive;

  CliRun() {
    this(new Faults(7));
  }

  CliRun(Faults faults) {
    this(faults, new TimeModel(SCALE));
  }

  /**
   * The end-to-end tests' time scale: a Latitude order and boot (7.5 modelled minutes) takes 45 ms,
   * a Scaleway delivery and install about 95 ms. Timeouts do not follow it below the simulator's
   * floor, so a node's wait still allows for the real work (keys, handshakes) of a loaded machine.
   */
  static final double SCALE = 0.0001;

  CliRun(Faults faults, TimeModel time) {
    try {
      userHome = Files.createTempDirectory("ironkube-home");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.faults = faults;
    this.sim = Simulation.create(time, faults);
  }

  Path home() {
    return userHome.resolve(".ironkube");
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliEnvironment e =
        new CliEnvironment(
            Map.copyOf(env),
            userHome,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            clock,
            interactive,
            false,
            Signals.NONE,
            Simulation.shared(sim));
    int code = Ironkube.run(e, args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    sim.close();
  }
}
