package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Library log lines reach stderr only with --verbose; both frameworks are per JVM, so a child. */
class LibraryLoggingTest {
  @Test
  void libraryWarningsAreSilentByDefault() throws Exception {
    String err = stderrOf("status");
    assertThat(err).doesNotContain("unstable version").doesNotContain("a library warning");
    assertThat(err).isEmpty();
  }

  @Test
  void verboseShowsThem() throws Exception {
    // fabric8 7.8.0 VersionUsageUtils.alert: "The client is using resource type '{}' with unstable
    // version '{}'" at warn.
    assertThat(stderrOf("status", "--verbose"))
        .contains("unstable version 'v1alpha1'")
        .contains("a library warning");
  }

  @Test
  void verboseIsReadAsPicocliReadsIt() {
    assertThat(LibraryLogging.verbose(new String[] {"destroy", "-x"})).isTrue();
    assertThat(LibraryLogging.verbose(new String[] {"destroy", "-yx"})).isTrue();
    assertThat(LibraryLogging.verbose(new String[] {"destroy", "-y"})).isFalse();
    assertThat(LibraryLogging.verbose(new String[] {"-f", "x.yaml"})).isFalse();
    assertThat(LibraryLogging.verbose(new String[] {"sim", "--", "-x"})).isFalse();
  }

  private static String stderrOf(String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    // As the launcher runs `status`: serial collector, quick compiler only, no perf file.
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-cp",
                System.getProperty("java.class.path")));
    cmd.add(LibraryLoggingProbe.class.getName());
    cmd.addAll(List.of(args));
    Path errFile = Files.createTempFile("ironkube-stderr", ".txt");
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectError(errFile.toFile())
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(errFile, StandardCharsets.UTF_8);
    Files.delete(errFile);
    assertThat(new String(out, StandardCharsets.UTF_8)).contains("done");
    return err;
  }
}
