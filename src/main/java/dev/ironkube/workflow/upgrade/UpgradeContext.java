package dev.ironkube.workflow.upgrade;

import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.Wait;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * What one upgrade run works with: the cluster's nodes (control planes first, then workers, each in
 * name order: the rollout order), the adapter that reaches them, the journaling gate and the waits.
 *
 * @param nodeTimeout how long one node may take to come back after its upgrade or change
 * @param drainTimeout how long a worker's pods may take to leave
 */
public record UpgradeContext(
    String cluster,
    List<ClusterMember> members,
    RollingCluster nodes,
    Gate gate,
    Progress progress,
    Cancellation cancellation,
    Wait waits,
    Duration interval,
    Duration nodeTimeout,
    Duration drainTimeout) {

  public UpgradeContext {
    members =
        members.stream()
            .sorted(
                Comparator.comparing((ClusterMember m) -> !m.controlPlane())
                    .thenComparing(ClusterMember::hostname))
            .toList();
  }

  List<ClusterMember> controlPlanes() {
    return members.stream().filter(ClusterMember::controlPlane).toList();
  }

  RolloutGates gates() {
    return new RolloutGates(nodes, waits, interval);
  }
}
