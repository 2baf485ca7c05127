package dev.ironkube.harness.chaos;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ironkube in a separate JVM on the same classpath, so a chaos run can kill it outright (kill -9)
 * the way a crash or an OOM killer would: no cleanup, no shutdown hooks, a journal cut mid-run.
 */
final class ChildProcess {
  /**
   * The launcher's JVM flags (serial collector, small initial heap), and the quick compiler only: a
   * child lives a few seconds (it is killed or finishes one run), too short for the optimising
   * compiler to repay the core it takes from the simulator serving it.
   */
  private static final List<String> FLAGS =
      List.of("-XX:+UseSerialGC", "-Xms16m", "-XX:MetaspaceSize=96m", "-XX:TieredStopAtLevel=1");

  private static final List<String> FORWARDED = List.of("keystore.pkcs12.keyPbeIterationCount");

  private ChildProcess() {}

  /** Starts ironkube with stdout and stderr both written to {@code log}. */
  static Process start(Map<String, String> env, Path log, String... args) throws IOException {
    return start(env, log, null, args);
  }

  /**
   * Starts ironkube with stdout written to {@code out} and stderr to {@code err}, or both to {@code
   * out} when {@code err} is null.
   */
  static Process start(Map<String, String> env, Path out, Path err, String... args)
      throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + "/bin/java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(FLAGS);
    // A child made by a test JVM runs as that JVM was set to (its key stores' PBKDF2 rounds).
    for (String name : FORWARDED) {
      String value = System.getProperty(name);
      if (value != null) {
        cmd.add("-D" + name + "=" + value);
      }
    }
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.ironkube.cli.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    List<String> ours =
        List.of("IRONKUBE_", "LATITUDE_", "SCW_", "CLOUDFLARE_", "INFISICAL_", "TELEPORT_");
    pb.environment().keySet().removeIf(k -> ours.stream().anyMatch(k::startsWith));
    pb.environment().putAll(env);
    if (err == null) {
      pb.redirectErrorStream(true);
    } else {
      pb.redirectError(err.toFile());
    }
    pb.redirectOutput(out.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return pb.start();
  }
}
