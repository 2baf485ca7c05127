package dev.ironkube.harness.chaos;

import dev.ironkube.access.PortProbe;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.talos.api.EtcdMemberInfo;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.api.TalosIdentity;
import dev.ironkube.talos.stage.KubeApiProbe;
import dev.ironkube.talos.talosconfig.Talosconfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The promises a working cluster keeps after a chaos run, checked through what its operator holds:
 * the talosconfig and kubeconfig open it, a lock-down closes its ports from outside, a scale-down
 * removes exactly one worker. The promises about what a run leaves behind are {@link Invariants}.
 */
final class ClusterInvariants {
  private ClusterInvariants() {}

  /**
   * A working cluster's talosconfig and kubeconfig must open it: etcd healthy with one member per
   * control plane (the control planes' hostnames), every node registered and Ready.
   */
  static void checkAccess(
      Path clusterDir, String cluster, Scenario.Topology topology, List<String> violations) {
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
        List<String> members =
            talos.etcdMembers().stream().map(EtcdMemberInfo::hostname).sorted().toList();
        List<String> want = topology.controlPlaneHosts(cluster).stream().sorted().toList();
        if (!members.equals(want)) {
          violations.add("etcd members " + members + ", want the control planes " + want);
        }
      }
      // Dial the first control plane: the kubeconfig may name a DNS endpoint.
      String kubeconfig = Files.readString(clusterDir.resolve("kubeconfig"));
      KubeApiProbe kube = KubeApiProbe.fromKubeconfig(kubeconfig).dialling(tc.endpoints().get(0));
      if (kube.version().isEmpty()) {
        violations.add("provisioned but the kubeconfig does not reach the Kubernetes API");
      } else {
        for (String host : topology.hosts(cluster)) {
          Optional<Boolean> ready = kube.nodeReady(host);
          if (!ready.orElse(false)) {
            violations.add(
                "node " + host + (ready.isEmpty() ? " is not registered" : " is not Ready"));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      violations.add("provisioned but the cluster's credentials do not work: " + e.getMessage());
    }
  }

  /**
   * A successful run with Teleport ends locked down: the talosconfig and kubeconfig are there, the
   * node's 50000 and 6443 no longer answer from outside, and Teleport lists the cluster, whose
   * agent could only join from a working cluster.
   */
  static void checkLockedDown(
      SimulatedDatacenter sim,
      Path clusterDir,
      String cluster,
      Scenario.Topology topology,
      List<String> violations) {
    try {
      Talosconfig tc = Talosconfig.read(clusterDir.resolve("talosconfig"));
      if (!Files.readString(clusterDir.resolve("kubeconfig")).contains("certificate-authority")) {
        violations.add("provisioned but the kubeconfig has no cluster CA");
      }
      if (tc.nodes().size() != topology.nodes()) {
        violations.add(
            "the talosconfig lists " + tc.nodes().size() + " nodes, want " + topology.nodes());
      }
      // All at once: a closed port is silent for the probe's whole half second.
      PortProbe outside = new PortProbe(Duration.ofMillis(500), null);
      Map<String, CompletableFuture<Boolean>> probes = new LinkedHashMap<>();
      for (String node : tc.nodes()) {
        for (int port : new int[] {50000, 6443}) {
          probes.put(
              node + ":" + port,
              CompletableFuture.supplyAsync(
                  () -> outside.answers(node, port),
                  r -> Thread.ofVirtual().name("outside-probe").start(r)));
        }
      }
      probes.forEach(
          (target, answers) -> {
            if (answers.join()) {
              violations.add("locked down but " + target + " answers from outside");
            }
          });
      if (!sim.teleport().visibleClusters().contains(cluster)) {
        violations.add("locked down but Teleport does not list cluster " + cluster);
      }
    } catch (IOException | RuntimeException e) {
      violations.add("provisioned but the cluster's files are unreadable: " + e.getMessage());
    }
  }

  /**
   * After `scale --count workers-1` on a working cluster: exit 0, one server fewer, the last worker
   * gone from Kubernetes and the others still Ready.
   */
  static void checkScaledDown(
      ChaosRun.Invocation down,
      Leftovers left,
      Path clusterDir,
      String cluster,
      Scenario.Topology topology,
      List<String> violations) {
    if (down.exitCode() != 0) {
      violations.add("scale-down failed (exit " + down.exitCode() + "): " + down.lastLine());
      return;
    }
    if (left.servers() != topology.nodes() - 1) {
      violations.add(
          "scale-down left " + left.servers() + " servers (want " + (topology.nodes() - 1) + ")");
    }
    try {
      Talosconfig tc = Talosconfig.read(clusterDir.resolve("talosconfig"));
      KubeApiProbe kube =
          KubeApiProbe.fromKubeconfig(Files.readString(clusterDir.resolve("kubeconfig")))
              .dialling(tc.endpoints().get(0));
      if (kube.version().isEmpty()) {
        violations.add("after the scale-down the kubeconfig does not reach the Kubernetes API");
        return;
      }
      List<String> hosts = topology.hosts(cluster);
      String removed = hosts.get(hosts.size() - 1);
      if (kube.nodeReady(removed).isPresent()) {
        violations.add("scaled down but node " + removed + " is still in Kubernetes");
      }
      for (String host : hosts.subList(0, hosts.size() - 1)) {
        if (!kube.nodeReady(host).orElse(false)) {
          violations.add("after the scale-down node " + host + " is not Ready");
        }
      }
    } catch (IOException | RuntimeException e) {
      violations.add("after the scale-down the credentials do not work: " + e.getMessage());
    }
  }
}
