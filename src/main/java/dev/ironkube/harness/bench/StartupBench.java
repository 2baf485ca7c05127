package dev.ironkube.harness.bench;

import dev.ironkube.cli.SampleCluster;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.LoopbackAllocator;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.sim.launch.Simulation;
import dev.ironkube.store.IronkubeHome;
import dev.ironkube.talos.config.MachineConfigGenerator;
import dev.ironkube.talos.config.MachineConfigInput;
import dev.ironkube.talos.config.NodeRole;
import dev.ironkube.talos.config.TalosVersion;
import dev.ironkube.talos.pki.SecretsBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up figures, each the median of several runs after one unmeasured warm-up (which lets the
 * launcher build the jar and its class cache (AOT or CDS), as a user's first run does once): {@code
 * java -version} as the yardstick, then {@code ironkube --version}, {@code --help} and the read
 * commands as a user launches them, each also as a ratio to {@code java -version} in the same run
 * (the ratio is what survives a busy machine). The reads ask the embedded simulated datacenter's
 * Latitude API, started in this process, and read a throwaway home holding a {@link SampleCluster};
 * a provision's first part is timed as {@code provision --dry-run}. Last, secrets bundle plus
 * machine config for one node, in process, the first (cold) run reported apart.
 */
final class StartupBench {
  /**
   * One measured thing.
   *
   * @param what its name
   * @param medianMillis the median wall time
   * @param minMillis the fastest run
   * @param maxMillis the slowest run
   * @param runs how many runs
   * @param how how it was launched
   * @param ratio the median over {@code java -version}'s median in the same run; 0 when the figure
   *     is not a process start
   * @param classesLoaded classes one more start loaded (with an AOT cache: every class in the
   *     cache, which the JVM maps at start, plus the rest); -1 when the figure is not a process
   *     start
   * @param classesNotCached of those, the ones not served by the class cache (AOT or CDS): parsed
   *     from the jar or the JDK's modules and verified, or generated at run time (lambda forms,
   *     annotation proxies); a figure a busy machine does not change
   */
  record Figure(
      String what,
      double medianMillis,
      double minMillis,
      double maxMillis,
      int runs,
      String how,
      double ratio,
      int classesLoaded,
      int classesNotCached) {
    Figure withRatio(double r) {
      return new Figure(
          what, medianMillis, minMillis, maxMillis, runs, how, r, classesLoaded, classesNotCached);
    }

    Figure withClasses(ClassProfile p) {
      return new Figure(
          what, medianMillis, minMillis, maxMillis, runs, how, ratio, p.loaded(), p.notCached());
    }
  }

  private StartupBench() {}

  static final String JAVA = "java -version";
  static final String SECRETS = "secrets + config";
  static final double TARGET_SECRETS_MILLIS = 1000;

  /** The commands held to at most this many times {@code java -version}'s start. */
  static final double TARGET_RATIO = 5;

  static final List<String> RATIO_TARGETS =
      List.of("ironkube --help", "ironkube plans", "ironkube regions", "ironkube status");

  /** The process starts measured, after {@code java -version}, in order. */
  static final List<List<String>> COMMANDS =
      List.of(
          List.of("--version"),
          List.of("--help"),
          List.of("plans"),
          List.of("regions"),
          List.of("status"),
          List.of("kubeconfig", SampleCluster.NAME),
          List.of("config", "show"));

  /** Whether the ratios and the warm secrets + config median meet the targets. */
  static boolean meetsTargets(List<Figure> figures) {
    return figures.stream()
        .allMatch(
            f ->
                RATIO_TARGETS.contains(f.what())
                    ? f.ratio() <= TARGET_RATIO
                    : !f.what().equals(SECRETS) || f.medianMillis() < TARGET_SECRETS_MILLIS);
  }

  static List<Figure> measure(ChildJvm jvm, int runs) throws IOException, InterruptedException {
    List<Figure> out = new ArrayList<>();
    Path home = Files.createTempDirectory("ironkube-startup");
    try (SimulatedDatacenter sim =
        Simulation.builder(TimeModel.instant(), Faults.none())
            .addresses(new LoopbackAllocator(BenchRun.ownBlock(), List.of(50000, 6443)))
            .build()
            .start()) {
      IronkubeHome ironkubeHome = new IronkubeHome(home.resolve("ironkube"));
      SampleCluster.write(ironkubeHome, Clock.systemUTC());
      Map<String, String> env = new LinkedHashMap<>();
      env.put("IRONKUBE_HOME", ironkubeHome.root().toString());
      env.put("LATITUDE_API_URL", sim.latitudeUrl().toString());
      env.put("LATITUDE_API_KEY", SimulatedDatacenter.LATITUDE_TEST_KEY);
      env.put("IRONKUBE_IMAGE_FACTORY_URL", sim.imageFactoryUrl().toString());
      env.put("IRONKUBE_PXE_URL", sim.pxeUrl().toString());
      Figure java = start(ChildJvm.javaVersion(), runs, List.of(), env, JAVA, 0);
      out.add(java);
      for (List<String> args : COMMANDS) {
        out.add(
            start(jvm, runs, args, env, "ironkube " + String.join(" ", args), java.medianMillis()));
      }
    } finally {
      TempTrees.delete(home);
    }
    out.addAll(secretsAndConfig(runs));
    return out;
  }

  /** One process start, {@code runs} times after a warm-up, with {@code env} added. */
  private static Figure start(
      ChildJvm jvm,
      int runs,
      List<String> args,
      Map<String, String> env,
      String what,
      double javaMillis)
      throws IOException, InterruptedException {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i <= runs; i++) {
      ProcessBuilder pb = jvm.builder(args.toArray(String[]::new));
      pb.environment().putAll(env);
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      long start = System.nanoTime();
      int code = pb.start().waitFor();
      double ms = (System.nanoTime() - start) / 1e6;
      if (code != 0) {
        throw new IOException(what + " exited with " + code);
      }
      if (i > 0) {
        times.add(ms);
      }
    }
    Figure f = figure(what, times, jvm.how()).withClasses(ClassProfile.of(jvm, args, env));
    return javaMillis > 0 ? f.withRatio(f.medianMillis() / javaMillis) : f;
  }

  private static List<Figure> secretsAndConfig(int runs) {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i <= runs; i++) {
      long start = System.nanoTime();
      SecretsBundle bundle = SecretsBundle.generate();
      new MachineConfigGenerator(bundle).render(TalosVersion.parse("v1.11.6"), oneNode());
      times.add((System.nanoTime() - start) / 1e6);
    }
    return List.of(
        figure("secrets + config, first (cold)", times.subList(0, 1), "in process"),
        figure(SECRETS, times.subList(1, times.size()), "in process"));
  }

  private static MachineConfigInput oneNode() {
    return MachineConfigInput.builder()
        .clusterName("bench")
        .endpoint("https://192.0.2.10:6443")
        .role(NodeRole.CONTROLPLANE)
        .hostname("bench-cp-1")
        .certSans(List.of("192.0.2.10"))
        .installDisk("/dev/nvme0n1")
        .installerImage("factory.talos.dev/metal-installer/abc:v1.11.6")
        .build();
  }

  static Figure figure(String what, List<Double> times, String how) {
    return new Figure(
        what,
        Stats.median(times),
        times.stream().mapToDouble(d -> d).min().orElse(0),
        times.stream().mapToDouble(d -> d).max().orElse(0),
        times.size(),
        how,
        0,
        -1,
        -1);
  }
}
