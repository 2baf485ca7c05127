package dev.ironkube.cli.bench;

import dev.ironkube.talos.config.MachineConfigGenerator;
import dev.ironkube.talos.config.MachineConfigInput;
import dev.ironkube.talos.config.NodeRole;
import dev.ironkube.talos.config.TalosVersion;
import dev.ironkube.talos.pki.SecretsBundle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up figures, each the median of several runs after one unmeasured warm-up (which lets the
 * launcher build the jar and its class cache (AOT or CDS), as a user's first run does once): {@code
 * ironkube --version} and {@code --help} as a user launches them, and secrets bundle plus machine
 * config for one node, in process, the first (cold) run reported apart.
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
   */
  record Figure(
      String what, double medianMillis, double minMillis, double maxMillis, int runs, String how) {}

  private StartupBench() {}

  static final String HELP = "ironkube --help";
  static final String SECRETS = "secrets + config";
  static final double TARGET_HELP_MILLIS = 300;
  static final double TARGET_SECRETS_MILLIS = 1000;

  /** Whether the --help and warm secrets + config medians meet the targets. */
  static boolean meetsTargets(List<Figure> figures) {
    return figures.stream()
        .allMatch(
            f ->
                switch (f.what()) {
                  case HELP -> f.medianMillis() < TARGET_HELP_MILLIS;
                  case SECRETS -> f.medianMillis() < TARGET_SECRETS_MILLIS;
                  default -> true;
                });
  }

  static List<Figure> measure(ChildJvm jvm, int runs) throws IOException, InterruptedException {
    List<Figure> out = new ArrayList<>();
    out.add(command(jvm, runs, "--version"));
    out.add(command(jvm, runs, "--help"));
    out.addAll(secretsAndConfig(runs));
    return out;
  }

  private static Figure command(ChildJvm jvm, int runs, String arg)
      throws IOException, InterruptedException {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i <= runs; i++) {
      ProcessBuilder pb = jvm.builder(arg);
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      long start = System.nanoTime();
      int code = pb.start().waitFor();
      double ms = (System.nanoTime() - start) / 1e6;
      if (code != 0) {
        throw new IOException("ironkube " + arg + " exited with " + code);
      }
      if (i > 0) {
        times.add(ms);
      }
    }
    return figure("ironkube " + arg, times, jvm.how());
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
        how);
  }
}
