package dev.ironkube.sim.talos;

import dev.ironkube.sim.SimEvents;
import io.grpc.Status;

/**
 * This node's etcd: whether its data directory holds data (bootstrapped here, or joined the
 * cluster's etcd), Bootstrap's work once the node's own checks pass, and the Kubernetes API a
 * control plane serves while its etcd runs. Guarded by the node's lock.
 */
final class NodeEtcd {
  /** day2-ops: a snapshot uploaded for a recovering bootstrap ({@link EtcdApi}). */
  final EtcdRecovery recovery = new EtcdRecovery();

  private final TalosNodeFake node;
  private final NodeMembership membership;
  private final NodeKubernetes kubernetes;
  private boolean bootstrapped;

  NodeEtcd(TalosNodeFake node, NodeMembership membership, NodeKubernetes kubernetes) {
    this.node = node;
    this.membership = membership;
    this.kubernetes = kubernetes;
  }

  /** Whether Bootstrap ran on this node (AlreadyExists from then on). */
  boolean bootstrappedHere() {
    return bootstrapped;
  }

  /** Whether the etcd data directory holds data: bootstrapped here, or a member that joined. */
  boolean hasData() {
    return bootstrapped || membership.etcdMember();
  }

  /** EPHEMERAL as a power cycle left it: its data dir from a bootstrap here, or none. */
  void kept(boolean bootstrappedHere) {
    bootstrapped = bootstrappedHere;
  }

  /** Reset wiped the node, EPHEMERAL included. */
  void forget() {
    bootstrapped = false;
  }

  /** EPHEMERAL alone was wiped: etcd's data and any uploaded snapshot go. */
  void wipe() {
    bootstrapped = false;
    recovery.wipe();
  }

  /** Serves the cluster's Kubernetes API from this node, {@code config} running. */
  void serve(AppliedConfig config) {
    kubernetes.start(node, config, node.hostname(), membership.cluster(), bootstrapped);
  }

  /**
   * Bootstrap after the node's own checks: null when etcd starts here, else the cluster's refusal
   * (bootstrapped elsewhere).
   */
  Status bootstrap(AppliedConfig config, NodeBoot boot, SimEvents events, String subject) {
    Status joining = membership.cluster().bootstrapRefusal(node);
    if (joining != null) {
      return joining;
    }
    bootstrapped = true;
    long etcdSince = System.nanoTime();
    membership.cluster().bootstrapped(node, etcdSince);
    events.recordAt(SimEvents.SERVICES_HEALTHY, subject, boot.healthyAt(etcdSince));
    serve(config);
    // The minimal Kubernetes API reports the node Ready as soon as it serves; the full one only
    // once the CNI from the inline manifests runs, which this event does not wait for.
    events.record(SimEvents.KUBERNETES_READY, subject);
    return null;
  }
}
