package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, run from the merged jar users get, in a JVM of its own. Every other
 * test runs the classes from Maven's class path, where each library is its own jar; the merged jar
 * differs (one manifest, no signatures, multi-release entries only with {@code Multi-Release}), and
 * once lost BouncyCastle's Java 9+ classes, so Talos' maintenance handshake failed only there.
 */
class JarLaunchIT {
  @TempDir Path home;

  @Test
  void theReadmesFirstCommandProvisionsFromTheMergedJar() throws Exception {
    Path jar = mergedJar();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                java.toString(),
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString(),
                "provision",
                "--simulate",
                "--yes"));
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("LATITUDE_") || k.startsWith("SCW_"));
    env.put("HOME", home.toString());
    env.put("IRONKUBE_HOME", home.resolve("ironkube").toString());
    // The jar is what is under test, not the modelled durations: at the default 0.01 a
    // provision models ten seconds of waiting; at the end-to-end tests' scale it takes none.
    env.put("IRONKUBE_SIM_SCALE", "0.0001");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Path out = home.resolve("stdout.txt");
    Path err = home.resolve("stderr.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = pb.start();
    boolean ended = process.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      process.destroyForcibly();
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(ended).as("ended within 5 minutes; stderr:%n%s", stderr).isTrue();
    assertThat(process.exitValue()).as(stderr).isZero();
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("Cluster demo is ready");
    assertThat(home.resolve("ironkube/clusters/demo/kubeconfig")).exists();
  }

  private static Path mergedJar() throws IOException {
    Path dir = Path.of(System.getProperty("ironkube.jarDir", "target"));
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().matches("ironkube-.+-all\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no merged jar in " + dir));
    }
  }
}
