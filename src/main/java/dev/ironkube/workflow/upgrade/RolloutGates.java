package dev.ironkube.workflow.upgrade;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The health checks a rollout passes before and after each node, modelled on what Talos itself and
 * talosctl check: etcd with every control plane a healthy member before a control plane goes down
 * (machined refuses an upgrade otherwise: siderolabs/talos v1.13.9 internal/pkg/etcd/etcd.go,
 * ValidateForUpgrade; talosctl health's EtcdConsistentAssertion in pkg/cluster/check/etcd.go asks
 * every control plane for its member list), and a node back on the new version with its services
 * healthy and its Node Ready before the next one starts. Kept small and separate so that {@code
 * ironkube health} can share or replace it.
 */
public final class RolloutGates {
  /** The services whose health proves a node back: those the bootstrap waits for. */
  static final Set<String> WORKER_SERVICES = Set.of("apid", "kubelet");

  static final Set<String> CONTROL_PLANE_SERVICES = Set.of("apid", "etcd", "kubelet", "trustd");

  private final RollingCluster cluster;
  private final Wait wait;
  private final Duration interval;

  public RolloutGates(RollingCluster cluster, Wait wait, Duration interval) {
    this.cluster = cluster;
    this.wait = wait;
    this.interval = interval;
  }

  /**
   * Why taking {@code node} down now would endanger etcd, or empty when it may go: every control
   * plane answers with etcd healthy, each lists every control plane as a member, and the members
   * left while it is down still make a quorum. Two members are refused as Talos refuses them ("etcd
   * member count(2) is insufficient to maintain quorum if upgrade commences").
   */
  public Optional<String> etcdRisk(ClusterMember node, List<ClusterMember> controlPlanes) {
    List<String> expected = controlPlanes.stream().map(ClusterMember::hostname).sorted().toList();
    int healthy = 0;
    List<String> problems = new ArrayList<>();
    for (ClusterMember cp : controlPlanes) {
      Map<String, Boolean> services = cluster.services(cp);
      if (services.isEmpty()) {
        problems.add(cp.hostname() + " does not answer");
        continue;
      }
      if (!Boolean.TRUE.equals(services.get("etcd"))) {
        problems.add("etcd on " + cp.hostname() + " is not healthy");
        continue;
      }
      List<String> members = cluster.etcdMembers(cp).stream().sorted().toList();
      if (!members.equals(expected)) {
        problems.add(cp.hostname() + "'s etcd lists " + members + ", expected " + expected);
        continue;
      }
      healthy++;
    }
    if (!problems.isEmpty()) {
      return Optional.of(String.join("; ", problems));
    }
    if (expected.size() == 2) {
      return Optional.of(
          "etcd has 2 members: with one down it loses quorum (Talos refuses this upgrade)");
    }
    int quorum = expected.size() / 2 + 1;
    if (expected.size() > 1 && healthy - 1 < quorum) {
      return Optional.of(
          "taking "
              + node.hostname()
              + " down leaves "
              + (healthy - 1)
              + " of "
              + expected.size()
              + " etcd members, below quorum");
    }
    return Optional.empty();
  }

  /** Waits until {@link #etcdRisk} is empty; fails naming the last risk seen. */
  public void awaitEtcdSafe(
      ClusterMember node, List<ClusterMember> controlPlanes, Duration timeout, Progress.Step step) {
    wait.until(
        "etcd healthy with every member before " + node.hostname() + " goes down",
        timeout,
        interval,
        step,
        () ->
            etcdRisk(node, controlPlanes)
                .<Wait.Poll<Boolean>>map(r -> new Wait.Poll.NotYet<>(r, -1))
                .orElseGet(() -> new Wait.Poll.Done<>(true)));
  }

  /**
   * What still keeps {@code node} from counting as back, or empty: the Talos version it reports,
   * its services' health, its Node's readiness and (control planes) its etcd membership.
   */
  public Optional<String> notBack(
      ClusterMember node, String talosVersion, List<ClusterMember> controlPlanes) {
    Optional<String> version = cluster.talosVersion(node);
    if (version.isEmpty()) {
      return Optional.of("not answering (rebooting)");
    }
    if (talosVersion != null && !version.get().equals(talosVersion)) {
      return Optional.of("reports Talos " + version.get());
    }
    Map<String, Boolean> services = cluster.services(node);
    for (String id : node.controlPlane() ? CONTROL_PLANE_SERVICES : WORKER_SERVICES) {
      if (!Boolean.TRUE.equals(services.get(id))) {
        return Optional.of(id + " not healthy yet");
      }
    }
    if (node.controlPlane()) {
      List<String> members = cluster.etcdMembers(node);
      for (ClusterMember cp : controlPlanes) {
        if (!members.contains(cp.hostname())) {
          return Optional.of("etcd does not list " + cp.hostname() + " yet");
        }
      }
    }
    Optional<RollingCluster.KubeNode> kube = cluster.kubeNode(node.hostname());
    if (kube.isEmpty() || !kube.get().ready()) {
      return Optional.of("Node not Ready yet");
    }
    return Optional.empty();
  }

  /** Waits until {@link #notBack} is empty. */
  public void awaitBack(
      ClusterMember node,
      String talosVersion,
      List<ClusterMember> controlPlanes,
      Duration timeout,
      Progress.Step step) {
    try {
      wait.until(
          node.hostname() + " back" + (talosVersion == null ? "" : " on Talos " + talosVersion),
          timeout,
          interval,
          step,
          () ->
              notBack(node, talosVersion, controlPlanes)
                  .<Wait.Poll<Boolean>>map(r -> new Wait.Poll.NotYet<>(r, -1))
                  .orElseGet(() -> new Wait.Poll.Done<>(true)));
    } catch (OperationFailedException e) {
      throw new OperationFailedException(
          e.getMessage(),
          "check the node's console (a node that does not boot the new release rolls back to"
              + " the previous one by itself); --node-timeout gives a slow node longer",
          e.exitCode(),
          e);
    }
  }
}
