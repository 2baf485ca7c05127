package dev.ironkube.cli;

import dev.ironkube.store.IronkubeHome;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The launcher's training run for the JDK's AOT class cache: the commands people run most, doing
 * their real work, so that the classes they load (HTTP client, JSON, settings, journal) and what
 * they link come from the cache afterwards instead of the jar.
 *
 * <p>Nothing here may reach the network or the user's files: the provider API is the simulated
 * datacenter in a child JVM (so that its own classes stay out of the cache), every command runs
 * with a throwaway IRONKUBE_HOME and user home, and every credential variable of the process is
 * dropped. The home holds a {@link SampleCluster} for {@code status} and {@code kubeconfig}.
 */
public final class AotTraining {
  /** The simulator prints its endpoints within a few seconds; a stuck child must not hang a run. */
  private static final long SIM_START_SECONDS = 60;

  /** The commands trained, in order; each as a user types it. */
  static final List<List<String>> COMMANDS =
      List.of(
          List.of("--help"),
          List.of("--version"),
          List.of("plans"),
          List.of("plans", "-o", "json"),
          List.of("regions"),
          List.of("regions", "-o", "json"),
          List.of("status"),
          List.of("status", SampleCluster.NAME),
          List.of("status", "-o", "json"),
          List.of("kubeconfig", SampleCluster.NAME),
          List.of("config", "show"));

  private AotTraining() {}

  public static void main(String[] args) throws Exception {
    // What Main does before any command (library logging set-up, terminal detection): about 60
    // classes of java.logging and the console that every start loads, from the jar without this.
    LibraryLogging.configure(new String[0]);
    CliEnvironment.system();
    Path tmp = Files.createTempDirectory("ironkube-training");
    try {
      int failed = run(tmp, System.err);
      System.exit(failed == 0 ? 0 : 1);
    } finally {
      deleteTree(tmp);
    }
  }

  /** Runs every command against a simulator child; returns how many exited with an error. */
  static int run(Path tmp, PrintStream log) throws IOException, InterruptedException {
    Process sim = startSimulator(tmp.resolve("sim-home"));
    try {
      Map<String, String> endpoints = endpoints(sim);
      Path home = tmp.resolve("home");
      IronkubeHome ironkubeHome = new IronkubeHome(home.resolve(".ironkube"));
      SampleCluster.write(ironkubeHome, Clock.systemUTC());
      Map<String, String> env = cleanEnvironment();
      env.putAll(endpoints);
      env.put("IRONKUBE_HOME", ironkubeHome.root().toString());
      PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true);
      int failed = 0;
      for (List<String> command : COMMANDS) {
        CliEnvironment cli =
            new CliEnvironment(
                Map.copyOf(env),
                home,
                InputStream.nullInputStream(),
                discard,
                discard,
                Clock.systemUTC(),
                false,
                false,
                Signals.NONE,
                null);
        int code = Ironkube.run(cli, command.toArray(String[]::new));
        if (code != 0) {
          log.println("ironkube training: '" + String.join(" ", command) + "' exited " + code);
          failed++;
        }
      }
      return failed;
    } finally {
      sim.destroy();
      if (!sim.waitFor(10, TimeUnit.SECONDS)) {
        sim.destroyForcibly();
      }
    }
  }

  /** The process environment without anything that could point a command at a real account. */
  static Map<String, String> cleanEnvironment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("IRONKUBE_")
                    || k.startsWith("LATITUDE_")
                    || k.startsWith("SCW_")
                    || k.startsWith("CLOUDFLARE_")
                    || k.startsWith("INFISICAL_")
                    || k.startsWith("TELEPORT_")
                    || k.equals("KUBECONFIG")
                    || k.equals("TALOSCONFIG"));
    return env;
  }

  private static Process startSimulator(Path simHome) throws IOException {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    // The simulator only answers a handful of requests: the quickest JVM settings will do.
    cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "sim"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(cleanEnvironment());
    // The AOT run's own options must not make the child write a cache too.
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().put("IRONKUBE_HOME", simHome.toString());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    return pb.start();
  }

  /** Reads the {@code export NAME=value} lines `ironkube sim` prints once it listens. */
  private static Map<String, String> endpoints(Process sim) throws IOException {
    Thread watchdog =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try {
                    if (!sim.waitFor(SIM_START_SECONDS, TimeUnit.SECONDS)) {
                      sim.destroyForcibly();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    Map<String, String> out = new HashMap<>();
    BufferedReader r =
        new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while (!out.containsKey("IRONKUBE_PXE_URL") && (line = r.readLine()) != null) {
      if (line.startsWith("export ") && line.indexOf('=') > 0) {
        String assignment = line.substring("export ".length());
        int eq = assignment.indexOf('=');
        out.put(assignment.substring(0, eq), assignment.substring(eq + 1));
      }
    }
    watchdog.interrupt();
    // (The simulator's own classes stay out of this JVM, hence no check against its test key.)
    if (!out.containsKey("LATITUDE_API_URL") || !out.containsKey("LATITUDE_API_KEY")) {
      throw new IOException("the simulated datacenter did not start: " + out.keySet());
    }
    return out;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
