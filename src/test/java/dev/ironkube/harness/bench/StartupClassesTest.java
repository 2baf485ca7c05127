package dev.ironkube.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --help} and {@code --version} stay cheap: a fresh JVM answering them loads none of the
 * heavy libraries (gRPC and Netty, fabric8, BouncyCastle, Jackson, protobuf), which the other
 * commands load on first use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartupClassesTest {
  /**
   * Each argument's class-load log, made once for the class: a fresh JVM costs seconds on a shared
   * machine, and --help is asked for by two cases.
   */
  private final Map<String, List<String>> logs = new HashMap<>();

  private static final List<String> HEAVY =
      List.of(
          "io.grpc.",
          "io.netty.",
          "io.fabric8.",
          "org.bouncycastle.",
          "com.fasterxml.jackson.",
          "com.google.protobuf.",
          "org.yaml.snakeyaml.");

  @ParameterizedTest
  @ValueSource(strings = {"--help", "--version"})
  void shortCommandsLoadNoHeavyLibrary(String arg) throws Exception {
    List<String> loaded = loaded(arg);
    assertThat(loaded.stream().filter(l -> HEAVY.stream().anyMatch(l::contains)).toList())
        .as("heavy classes loaded by ironkube " + arg)
        .isEmpty();
  }

  /**
   * The version alone is answered by the root command: no subcommand's class is loaded (picocli
   * would build each one's model by reflection), while {@code --help}, which lists them, loads all.
   */
  @ParameterizedTest
  @ValueSource(strings = {"--version", "-V"})
  void versionBuildsNoSubcommand(String arg) throws Exception {
    assertThat(subcommandClasses(loaded(arg))).as("subcommands loaded by " + arg).isEmpty();
    assertThat(subcommandClasses(loaded("--help"))).as("--help lists them").isNotEmpty();
  }

  private List<String> loaded(String arg) throws Exception {
    List<String> log = logs.get(arg);
    if (log == null) {
      log = freshJvmLoading(arg);
      logs.put(arg, log);
    }
    return log;
  }

  private static List<String> subcommandClasses(List<String> loaded) {
    return loaded.stream()
        .filter(l -> l.matches(".*\\] dev\\.ironkube\\.cli\\.[A-Za-z]+Command[ $].*"))
        .filter(l -> !l.contains("RootCommand"))
        .toList();
  }

  /** The class-load log of a fresh JVM (no class cache) running {@code arg}; it must succeed. */
  private static List<String> freshJvmLoading(String arg) throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process p =
        new ProcessBuilder(
                java,
                // As the launcher runs usage help: serial collector, quick compiler only.
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-Xlog:class+load=info:stdout",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.ironkube.cli.Main",
                arg)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    List<String> loaded = out.lines().filter(l -> l.contains("[class,load]")).toList();
    assertThat(loaded).as("classes loaded").hasSizeGreaterThan(500);
    return loaded;
  }
}
