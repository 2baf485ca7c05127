package dev.ironkube.harness.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start ironkube as its own process, the way users do when possible: the ./ironkube launcher
 * (with its AOT or CDS class cache) when the working directory has one, else {@code java -jar} on
 * the fat jar, else {@code java -cp} on this process's class path.
 */
record ChildJvm(List<String> prefix, String how) {
  static ChildJvm detect() {
    Path launcher = Path.of("ironkube").toAbsolutePath();
    if (Files.isExecutable(launcher) && Files.isRegularFile(launcher)) {
      return new ChildJvm(List.of(launcher.toString()), "./ironkube launcher");
    }
    String java = javaBinary();
    Path jar = Path.of("target", "ironkube-all.jar").toAbsolutePath();
    if (Files.isRegularFile(jar)) {
      return new ChildJvm(List.of(java, "-jar", jar.toString()), "java -jar " + jar);
    }
    return classPath();
  }

  /** The same JVM and class path as this process; what the in-suite runs use. */
  static ChildJvm classPath() {
    return new ChildJvm(
        List.of(
            javaBinary(),
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.ironkube.cli.Main"),
        "java -cp (no launcher or fat jar found)");
  }

  /** {@code java -version} on the JVM running this process: the yardstick of a bare start. */
  static ChildJvm javaVersion() {
    return new ChildJvm(List.of(javaBinary(), "-version"), "the same JDK");
  }

  private static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
  }

  ProcessBuilder builder(String... args) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("IRONKUBE_") || k.startsWith("LATITUDE_"));
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return pb;
  }
}
