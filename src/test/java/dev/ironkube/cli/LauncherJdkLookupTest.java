package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK lookup that ./ironkube and ./mvnw source (.mvn/find-jdk.sh, POSIX sh) picks the first JDK
 * 21+ among JAVA_HOME and the JDK of javac on the PATH, reading each one's {@code release} file,
 * and the launcher's memo of it is used only while JAVA_HOME and PATH are unchanged.
 */
class LauncherJdkLookupTest {
  private static final Path SCRIPT = Path.of(".mvn", "find-jdk.sh").toAbsolutePath();

  @TempDir Path tmp;
  private Path jdk17;
  private Path jdk25;
  private Path binWith25;

  @BeforeEach
  void jdks() throws IOException {
    jdk17 = fakeJdk("jdk-17", "JAVA_VERSION=\"17.0.12\"");
    jdk25 = fakeJdk("jdk-25", "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"");
    binWith25 = Files.createDirectories(tmp.resolve("path-bin"));
    Files.createSymbolicLink(binWith25.resolve("javac"), jdk25.resolve("bin/javac"));
  }

  @Test
  void javaHomeOf21OrNewerIsTakenAsItIs() throws Exception {
    assertThat(lookup(jdk25, "/usr/bin:/bin", null)).isEqualTo(jdk25 + " 25");
  }

  @Test
  void anOlderJavaHomeGivesWayToTheJdkOfJavacOnThePath() throws Exception {
    assertThat(lookup(jdk17, binWith25 + ":/usr/bin:/bin", null)).isEqualTo(jdk25 + " 25");
  }

  @Test
  void theMemoIsUsedOnlyForTheJavaHomeAndPathItWasWrittenFor() throws Exception {
    Path memo = tmp.resolve("ironkube.jdk");
    String path = binWith25 + ":/usr/bin:/bin";

    assertThat(lookup(jdk17, path, memo)).isEqualTo(jdk25 + " 25");
    assertThat(Files.readAllLines(memo)).containsExactly(jdk17 + "|" + path, jdk25.toString());

    // Same JAVA_HOME and PATH: the memo answers, even once javac has left the PATH's folder.
    Files.delete(binWith25.resolve("javac"));
    assertThat(lookup(jdk17, path, memo)).isEqualTo(jdk25 + " 25");

    // Another JAVA_HOME: looked up again, and the memo rewritten.
    Path other = fakeJdk("jdk-21", "JAVA_VERSION=\"21.0.5\"");
    assertThat(lookup(other, path, memo)).isEqualTo(other + " 21");
    assertThat(Files.readAllLines(memo)).containsExactly(other + "|" + path, other.toString());
  }

  @Test
  void aMemoNamingAJdkThatIsGoneIsIgnored() throws Exception {
    Path memo = tmp.resolve("ironkube.jdk");
    String path = binWith25 + ":/usr/bin:/bin";
    Files.writeString(memo, jdk25 + "|" + path + "\n" + tmp.resolve("removed-jdk") + "\n");
    assertThat(lookup(jdk25, path, memo)).isEqualTo(jdk25 + " 25");
  }

  private Path fakeJdk(String name, String release) throws IOException {
    Path home = Files.createDirectories(tmp.resolve(name));
    Files.writeString(home.resolve("release"), release + "\n");
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path javac = Files.writeString(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(javac, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  /** "JAVA_HOME MAJOR" as the script leaves them, run by POSIX sh as ./mvnw does. */
  private String lookup(Path javaHome, String path, Path memo) throws Exception {
    String memoLine = memo == null ? "" : "ironkube_jdk_memo='" + memo + "'; ";
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                "/bin/sh",
                "-c",
                memoLine + ". '" + SCRIPT + "' && echo \"$JAVA_HOME $IRONKUBE_JAVA_MAJOR\""));
    pb.environment().put("JAVA_HOME", javaHome.toString());
    pb.environment().put("PATH", path);
    pb.environment().put("HOME", tmp.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
