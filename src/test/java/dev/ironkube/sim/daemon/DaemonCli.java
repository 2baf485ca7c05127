package dev.ironkube.sim.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.cli.CliEnvironment;
import dev.ironkube.cli.Ironkube;
import dev.ironkube.cli.Signals;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real CLI in process with no simulated datacenter shared through the environment, as a user's
 * command runs: {@code --simulate} finds or starts the background datacenter of the home, a real
 * child process. Closing stops it.
 */
final class DaemonCli implements AutoCloseable {
  /** What a run printed and returned. */
  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  final Path userHome;
  final Map<String, String> env;

  DaemonCli() {
    try {
      userHome = Files.createTempDirectory("ironkube-daemon-home");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The end-to-end tests' time scale: the modelled waits take next to nothing.
    env =
        Map.of(
            "HOME", userHome.toString(),
            "IRONKUBE_HOME", home().toString(),
            "IRONKUBE_SIM_SCALE", "0.0005");
  }

  /** The running datacenter's servers as "hostname address plan site", from sim status. */
  List<String> servers() throws IOException {
    Result r = run("sim", "status", "-o", "json");
    if (r.exitCode() != 0) {
      throw new AssertionError("sim status failed: " + r.all());
    }
    List<String> out = new ArrayList<>();
    for (JsonNode s : new ObjectMapper().readTree(r.out()).path("holds").path("servers")) {
      out.add(
          String.join(
              " ",
              s.path("hostname").asText(),
              s.path("address").asText(),
              s.path("plan").asText(),
              s.path("site").asText()));
    }
    return out;
  }

  Path home() {
    return userHome.resolve(".ironkube");
  }

  SimHome simHome() {
    return SimHome.of(env, userHome);
  }

  Optional<DaemonFile> running() {
    return DaemonLauncher.running(simHome());
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliEnvironment e =
        new CliEnvironment(
            env,
            userHome,
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Clock.systemUTC(),
            false,
            false,
            Signals.NONE,
            null);
    int code = Ironkube.run(e, args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Stops the datacenter (whatever the test left) and removes the home. */
  @Override
  public void close() {
    Optional<ProcessHandle> left = running().flatMap(f -> ProcessHandle.of(f.pid()));
    run("sim", "stop");
    left.ifPresent(ProcessHandle::destroyForcibly);
    deleteTree(userHome);
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary folder
    }
  }
}
