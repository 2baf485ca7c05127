package dev.ironkube.sim.talos;

import dev.ironkube.sim.kube.KubeCluster;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What a registered node's reboot does to its Node object: the kubelet stops posting status, so the
 * node lifecycle controller turns Ready Unknown after {@code kube.node.monitor-grace} (the
 * controller manager's node-monitor-grace-period) unless the node is back by then; on the way up
 * the kubelet registers again (Ready, with the versions it now runs: {@link NodeInfoReport}). An
 * upgrade's reboot (90 s) outlasts the grace period (50 s), so the rollout sees its Node NotReady.
 */
final class NodeReboots {
  /** Schedules a task {@code delayNanos} from now on the cluster's clock. */
  interface Later {
    void at(long delayNanos, Runnable task);
  }

  private NodeReboots() {}

  /**
   * {@code s} changed boot ({@code m} is what the node says now); called under the cluster's lock,
   * {@code lock}, which the check at the end of the grace period takes again.
   */
  static void rebooted(
      ClusterSeat s,
      TalosCluster.Member m,
      KubeCluster kube,
      Duration grace,
      Later later,
      Object lock) {
    if (m.up() || !s.registered || kube == null) {
      return;
    }
    s.registered = false;
    String host = m.hostname();
    BooleanSupplier stillDown =
        () -> {
          synchronized (lock) {
            // Its kubelet has not posted since: down still, or up without a healthy kubelet yet.
            return !s.gone && !s.registered;
          }
        };
    later.at(
        grace.toNanos(),
        () -> {
          if (stillDown.getAsBoolean()) {
            kube.nodeUnreachable(host);
          }
        });
  }
}
