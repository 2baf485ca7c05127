package dev.ironkube.cli.chaos;

import dev.ironkube.sim.SimulatedDatacenter;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.api.TalosIdentity;
import dev.ironkube.talos.stage.KubeApiProbe;
import dev.ironkube.talos.talosconfig.Talosconfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The promises every chaos run is held to. */
final class Invariants {
  private Invariants() {}

  /** The run's exit code, last line and the simulator's contents agree with its outcome. */
  static void check(
      SimulatedDatacenter sim,
      String outcome,
      ChaosRun.Invocation last,
      Scenario scenario,
      List<String> violations) {
    int servers = sim.latitude().servers().size();
    String lastLine = last.lastLine();
    switch (outcome) {
      case "provisioned", "resumed-provisioned" -> {
        if (last.exitCode() != 0) {
          violations.add("provisioned but exit code " + last.exitCode());
        }
        if (servers != 1) {
          violations.add("provisioned with " + servers + " servers in the datacenter (want 1)");
        }
        if (!lastLine.contains("ironkube destroy")) {
          violations.add("a successful run must end with the billing reminder, ended: " + lastLine);
        }
      }
      case "kept", "resumed-kept" -> {
        if (last.exitCode() == 0) {
          violations.add("kept after a failure but exit code 0");
        }
        expectErrorLine(last, violations);
        if (servers > 1) {
          violations.add(servers + " servers after a kept failure (ordered twice)");
        }
      }
      case "failed-cleaned", "resumed-failed-cleaned", "interrupted", "destroyed-after-kill" -> {
        if (outcome.equals("interrupted") && last.exitCode() != 130) {
          violations.add("interrupted but exit code " + last.exitCode());
        }
        if (!outcome.equals("destroyed-after-kill")) {
          expectErrorLine(last, violations);
        }
        checkEmpty(sim, "after " + outcome, violations);
      }
      default -> violations.add("unexpected outcome " + outcome + ": " + lastLine);
    }
  }

  private static void expectErrorLine(ChaosRun.Invocation last, List<String> violations) {
    boolean named = last.err().lines().anyMatch(l -> l.startsWith("ironkube: "));
    if (!named) {
      violations.add("failed without an 'ironkube: ...' line naming the problem");
    }
    if (last.err().contains("\tat ")) {
      violations.add("a stack trace reached the user without --verbose");
    }
  }

  /** A successful run's talosconfig and kubeconfig must open the cluster. */
  static void checkAccess(Path clusterDir, List<String> violations) {
    try {
      Talosconfig tc = Talosconfig.read(clusterDir.resolve("talosconfig"));
      var identity = new TalosIdentity(tc.caPem(), tc.certificatePem(), tc.keyPkcs8Pem());
      try (TalosClient talos = TalosClient.secure(tc.endpoints().get(0), identity)) {
        boolean etcd =
            talos.serviceList().stream()
                .anyMatch(s -> s.id().equals("etcd") && s.runningAndHealthy());
        if (!etcd) {
          violations.add("provisioned but etcd is not healthy");
        }
      }
      String kubeconfig = Files.readString(clusterDir.resolve("kubeconfig"));
      if (KubeApiProbe.fromKubeconfig(kubeconfig).version().isEmpty()) {
        violations.add("provisioned but the kubeconfig does not reach the Kubernetes API");
      }
    } catch (IOException | RuntimeException e) {
      violations.add("provisioned but the cluster's credentials do not work: " + e.getMessage());
    }
  }

  static void checkEmpty(SimulatedDatacenter sim, String when, List<String> violations) {
    if (!sim.latitude().servers().isEmpty()) {
      violations.add(sim.latitude().servers().size() + " server(s) left " + when);
    }
    if (!sim.latitude().projects().isEmpty()) {
      violations.add(sim.latitude().projects().size() + " project(s) left " + when);
    }
    if (!sim.latitude().sshKeys().isEmpty()) {
      violations.add(sim.latitude().sshKeys().size() + " SSH key(s) left " + when);
    }
  }

  /**
   * No secret in any output or log: the run's API key anywhere outside the credential files, and no
   * private key material from the cluster's secret files in any output.
   */
  static void checkSecrets(String apiKey, Path home, List<String> outputs, List<String> violations)
      throws IOException {
    for (String o : outputs) {
      if (o.contains(apiKey)) {
        violations.add("the API key appeared in the output");
      }
      if (o.contains("PRIVATE KEY")) {
        violations.add("private key material appeared in the output");
      }
    }
    try (Stream<Path> files = Files.walk(home)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (name.equals("credentials") || name.equals("cluster.yaml")) {
          continue;
        }
        if (Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains(apiKey)) {
          violations.add("the API key was written to " + home.relativize(f));
        }
      }
    }
  }
}
