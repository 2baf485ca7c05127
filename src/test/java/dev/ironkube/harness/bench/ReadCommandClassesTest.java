package dev.ironkube.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.cli.SampleCluster;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.sim.launch.Simulation;
import dev.ironkube.store.IronkubeHome;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The read commands load what their work needs and nothing else: a fresh JVM (no class cache)
 * running one against the simulated datacenter's Latitude API loads none of the provisioning
 * stack's libraries (gRPC and Netty, fabric8, BouncyCastle, protobuf, SnakeYAML), none of the
 * Talos, platform, access or simulator code, no model of the commands it does not run, and no TLS
 * for a plain-http API; the local reads load no HTTP client at all.
 */
class ReadCommandClassesTest {
  private static final List<String> NEVER =
      List.of(
          "io.grpc.",
          "io.netty.",
          "io.fabric8.",
          "org.bouncycastle.",
          "com.google.protobuf.",
          "org.yaml.snakeyaml.",
          "sun.security.ssl.",
          "dev.ironkube.sim.",
          "dev.ironkube.talos.",
          "dev.ironkube.platform.",
          "dev.ironkube.access.",
          "dev.ironkube.cli.ProvisionCommand",
          "dev.ironkube.cli.DestroyCommand",
          "dev.ironkube.cli.ScaleCommand",
          "dev.ironkube.harness.");

  /** What only the commands that ask the provider's API may load. */
  private static final List<String> REMOTE_ONLY =
      List.of("java.net.http.", "jdk.internal.net.http.", "dev.ironkube.provider.latitude.");

  private static SimulatedDatacenter sim;
  @TempDir static Path home;

  @BeforeAll
  static void start() {
    sim = Simulation.builder(TimeModel.instant(), Faults.none()).build().start();
    SampleCluster.write(new IronkubeHome(home), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"plans", "regions"})
  void remoteReadsLoadOnlyTheHttpPath(String command) throws Exception {
    List<String> loaded = loaded(command);
    assertThat(loaded).as("classes loaded").hasSizeGreaterThan(1000);
    assertThat(matching(loaded, NEVER)).as("classes ironkube " + command + " needs not").isEmpty();
    assertThat(matching(loaded, List.of("jdk.internal.net.http.")))
        .as("it does ask the API")
        .isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"status", "status " + SampleCluster.NAME, "kubeconfig sample", "config show"})
  void localReadsLoadNoHttpClient(String command) throws Exception {
    List<String> loaded = loaded(command.split(" "));
    assertThat(loaded).as("classes loaded").hasSizeGreaterThan(500);
    List<String> forbidden = new ArrayList<>(NEVER);
    forbidden.addAll(REMOTE_ONLY);
    assertThat(matching(loaded, forbidden))
        .as("classes ironkube " + command + " needs not")
        .isEmpty();
  }

  private static List<String> matching(List<String> loaded, List<String> prefixes) {
    return loaded.stream()
        .filter(l -> prefixes.stream().anyMatch(p -> l.contains("] " + p)))
        .toList();
  }

  /** The class-load log of one fresh JVM running {@code args}; it must succeed. */
  private static List<String> loaded(String... args) throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            java,
            // As the launcher runs a read: serial collector, quick compiler only, no perf file.
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData",
            "-Xlog:class+load=info:stdout",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.ironkube.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("IRONKUBE_") || k.startsWith("LATITUDE_"));
    env.put("IRONKUBE_HOME", home.toString());
    env.put("LATITUDE_API_URL", sim.latitudeUrl().toString());
    env.put("LATITUDE_API_KEY", SimulatedDatacenter.LATITUDE_TEST_KEY);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(tail(out)).isZero();
    return out.lines().filter(l -> l.contains("[class,load]")).toList();
  }

  private static String tail(String out) {
    List<String> lines = out.lines().filter(l -> !l.contains("[class,load]")).toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
