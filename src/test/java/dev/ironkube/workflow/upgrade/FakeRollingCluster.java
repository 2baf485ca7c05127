package dev.ironkube.workflow.upgrade;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.RemoteServiceException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An in-memory cluster behind the rollout's port, for unit tests of the rollout itself. Each node
 * has a Talos version, a running config and a Node; an Upgrade takes the node down for a few probes
 * (its reboot, counted in Version calls so that no test waits on a clock) and brings it back on the
 * image's tag with its services healthy. Every change is logged in order; a second control plane
 * going down while one is still down is recorded as a violation, as the chaos harness's watcher
 * would see it.
 */
final class FakeRollingCluster implements RollingCluster {
  private static final Set<String> CP_SERVICES = Set.of("apid", "etcd", "kubelet", "trustd");
  private static final Set<String> WORKER_SERVICES = Set.of("apid", "kubelet");

  /** One node's state. */
  static final class Node {
    final ClusterMember member;
    String version;
    String kubelet;
    boolean unschedulable;
    boolean etcdHealthy = true;
    byte[] config;
    byte[] staged;

    /** Version calls left before a rebooting node answers again; -1 for never. */
    int downFor;

    Node(ClusterMember member, String version, String kubernetes) {
      this.member = member;
      this.version = version;
      this.kubelet = "v" + kubernetes;
      this.config = config(member, kubernetes).getBytes(StandardCharsets.UTF_8);
    }

    boolean down() {
      return downFor != 0;
    }
  }

  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final List<String> violations = new ArrayList<>();
  private final Set<String> neverReturn = new HashSet<>();
  private final Set<String> etcdBrokenAfterReboot = new HashSet<>();
  private int rebootProbes = 2;

  FakeRollingCluster(List<ClusterMember> members, String talos, String kubernetes) {
    for (ClusterMember m : members) {
      nodes.put(m.hostname(), new Node(m, talos, kubernetes));
    }
  }

  /** A control plane or worker config as KubernetesImages reads it (talos_managed.go's images). */
  static String config(ClusterMember m, String kubernetes) {
    String kubelet = "machine:\n  kubelet:\n    image: ghcr.io/siderolabs/kubelet:v" + kubernetes;
    if (!m.controlPlane()) {
      return "version: v1alpha1\n" + kubelet + "\n";
    }
    return "version: v1alpha1\n"
        + kubelet
        + "\ncluster:\n"
        + "  apiServer:\n    image: registry.k8s.io/kube-apiserver:v"
        + kubernetes
        + "\n  controllerManager:\n    image: registry.k8s.io/kube-controller-manager:v"
        + kubernetes
        + "\n  scheduler:\n    image: registry.k8s.io/kube-scheduler:v"
        + kubernetes
        + "\n  proxy:\n    disabled: true\n";
  }

  Node node(String hostname) {
    return nodes.get(hostname);
  }

  List<String> log() {
    return List.copyOf(log);
  }

  List<String> log(Predicate<String> which) {
    return log().stream().filter(which).toList();
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  /** The node goes down for its upgrade and never answers again. */
  FakeRollingCluster neverReturns(String hostname) {
    neverReturn.add(hostname);
    return this;
  }

  /** The control plane's etcd does not turn healthy after its upgrade's reboot. */
  FakeRollingCluster etcdBrokenAfterReboot(String hostname) {
    etcdBrokenAfterReboot.add(hostname);
    return this;
  }

  /** A node rebooting now (its upgrade sent by an earlier run), back after {@code probes}. */
  FakeRollingCluster rebooting(String hostname, String into, int probes) {
    Node n = nodes.get(hostname);
    n.version = into;
    n.downFor = probes;
    return this;
  }

  @Override
  public synchronized Optional<String> talosVersion(ClusterMember member) {
    Node n = nodes.get(member.hostname());
    if (n.downFor > 0) {
      n.downFor--;
      return Optional.empty();
    }
    return n.down() ? Optional.empty() : Optional.of(n.version);
  }

  @Override
  public synchronized Map<String, Boolean> services(ClusterMember member) {
    Node n = nodes.get(member.hostname());
    if (n.down()) {
      return Map.of();
    }
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (String id : member.controlPlane() ? CP_SERVICES : WORKER_SERVICES) {
      out.put(id, !id.equals("etcd") || n.etcdHealthy);
    }
    return out;
  }

  @Override
  public synchronized List<String> etcdMembers(ClusterMember controlPlane) {
    if (nodes.get(controlPlane.hostname()).down()) {
      return List.of();
    }
    // A member that is down stays a member: etcd lists it until it is removed.
    return nodes.values().stream()
        .filter(n -> n.member.controlPlane())
        .map(n -> n.member.hostname())
        .toList();
  }

  @Override
  public synchronized Optional<KubeNode> kubeNode(String hostname) {
    Node n = nodes.get(hostname);
    return Optional.of(new KubeNode(!n.down(), n.unschedulable, n.kubelet, "Talos " + n.version));
  }

  @Override
  public synchronized void cordonAndDrain(
      ClusterMember member, Duration timeout, Duration probeInterval) {
    nodes.get(member.hostname()).unschedulable = true;
    log.add("drain " + member.hostname());
  }

  @Override
  public synchronized void uncordon(ClusterMember member) {
    nodes.get(member.hostname()).unschedulable = false;
    log.add("uncordon " + member.hostname());
  }

  /** A control plane going down while another is down would lose etcd's quorum: a violation. */
  private void recordIfAnotherControlPlaneIsDown(ClusterMember member) {
    if (member.controlPlane()) {
      List<String> downAlready =
          nodes.values().stream()
              .filter(o -> o.member.controlPlane() && o.down())
              .map(o -> o.member.hostname())
              .toList();
      if (!downAlready.isEmpty()) {
        violations.add(member.hostname() + " went down while " + downAlready + " was down");
      }
    }
  }

  @Override
  public synchronized String upgrade(ClusterMember member, String image) {
    Node n = nodes.get(member.hostname());
    if (n.down()) {
      throw new OperationFailedException(member.hostname() + " does not answer", "");
    }
    recordIfAnotherControlPlaneIsDown(member);
    log.add("upgrade " + member.hostname() + " " + image);
    n.version = image.substring(image.lastIndexOf(':') + 1);
    n.downFor = neverReturn.contains(member.hostname()) ? -1 : rebootProbes;
    if (etcdBrokenAfterReboot.contains(member.hostname())) {
      n.etcdHealthy = false;
    }
    return "Upgrade request received";
  }

  @Override
  public synchronized byte[] runningConfig(ClusterMember member) {
    return nodes.get(member.hostname()).config.clone();
  }

  /** A config holding this text is one the fake's nodes take only with a reboot. */
  static final String NEEDS_REBOOT = "needs-reboot";

  @Override
  public synchronized boolean needsReboot(ClusterMember member, byte[] config) {
    return new String(config, StandardCharsets.UTF_8).contains(NEEDS_REBOOT);
  }

  @Override
  public synchronized void stageConfig(ClusterMember member, byte[] config) {
    nodes.get(member.hostname()).staged = config.clone();
    log.add("stage " + member.hostname());
  }

  @Override
  public synchronized void applyWithReboot(ClusterMember member, byte[] config) {
    Node n = nodes.get(member.hostname());
    recordIfAnotherControlPlaneIsDown(member);
    log.add("reboot into config " + member.hostname());
    n.config = config.clone();
    n.downFor = neverReturn.contains(member.hostname()) ? -1 : rebootProbes;
  }

  @Override
  public synchronized void applyWithoutReboot(ClusterMember member, byte[] config) {
    if (needsReboot(member, config)) {
      throw new RemoteServiceException.RebootRequired(
          member.hostname(), "ApplyConfiguration in NO_REBOOT mode was refused", "");
    }
    Node n = nodes.get(member.hostname());
    String before = new String(n.config, StandardCharsets.UTF_8);
    String after = new String(config, StandardCharsets.UTF_8);
    n.config = config.clone();
    // Whichever image changed, named by its component; the kubelet re-registers its Node.
    for (KubernetesImages.Component c : KubernetesImages.Component.values()) {
      Optional<String> was = KubernetesImages.version(before.getBytes(StandardCharsets.UTF_8), c);
      Optional<String> now = KubernetesImages.version(config, c);
      if (!was.equals(now)) {
        log.add("apply " + member.hostname() + " " + c.label() + " " + now.orElse("?"));
        if (c == KubernetesImages.Component.KUBELET) {
          n.kubelet = "v" + now.orElse("");
        }
      }
    }
    if (before.equals(after)) {
      log.add("apply " + member.hostname() + " unchanged");
    }
  }

  @Override
  public void close() {}
}
