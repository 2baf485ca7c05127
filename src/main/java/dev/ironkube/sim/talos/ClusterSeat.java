package dev.ironkube.sim.talos;

/**
 * One node's place in its {@link TalosCluster}: what it last said about itself and how far its
 * etcd, kubelet and Node object have got. Guarded by the cluster's lock.
 */
final class ClusterSeat {
  /** An instant that never comes. */
  static final long NEVER = Long.MAX_VALUE;

  TalosCluster.Member m;
  boolean gone;
  boolean bootstrapNode;
  boolean etcdMember;
  long etcdId;
  int joinOrder;
  long etcdUpAt = NEVER;
  boolean joinBlocked;
  String etcdMessage = "";
  boolean kubeletLatched;
  long kubeletAt = NEVER;
  boolean kubeletBlocked;
  String kubeletMessage = "";
  boolean registered;
  boolean healthyRecorded;
  boolean apiRequested;
  boolean manifestsApplied;

  ClusterSeat(TalosCluster.Member m) {
    this.m = m;
  }

  /**
   * The node rebooted, now saying {@code booted}: etcd and kubelet went down with it and come back
   * by themselves, etcd {@code etcdStart} after the node is up again.
   */
  void rebooted(TalosCluster.Member booted, long etcdStartNanos) {
    kubeletLatched = false;
    kubeletAt = NEVER;
    kubeletBlocked = false;
    apiRequested = false;
    manifestsApplied = false;
    etcdUpAt = etcdMember && booted.up() ? booted.baseUpAt() + etcdStartNanos : NEVER;
  }
}
