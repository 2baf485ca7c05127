package dev.ironkube.workflow.upgrade;

import dev.ironkube.failure.RemoteServiceException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a rolling upgrade asks of a running cluster: its nodes' versions and health, and the few
 * changes it makes (cordon and drain, the Talos upgrade, a config applied without reboot). The
 * adapter speaks the Talos machine API and the Kubernetes API; reads answer empty rather than fail
 * when a node does not answer (it may be rebooting), changes fail typed.
 */
public interface RollingCluster extends AutoCloseable {
  /** The Talos version the node's Version RPC reports; empty while it does not answer. */
  Optional<String> talosVersion(ClusterMember node);

  /** Each system service's health on the node (id → healthy); empty while it does not answer. */
  Map<String, Boolean> services(ClusterMember node);

  /** The etcd members' hostnames as {@code controlPlane}'s etcd lists them; empty on failure. */
  List<String> etcdMembers(ClusterMember controlPlane);

  /** The node's Kubernetes Node as the API reports it; empty when absent or unreachable. */
  Optional<KubeNode> kubeNode(String hostname);

  /**
   * Cordons the node and evicts its pods (DaemonSet and mirror pods stay), keeping the Node.
   *
   * @param probeInterval the rollout's node probe interval, which paces the look at the pods
   */
  void cordonAndDrain(ClusterMember node, Duration timeout, Duration probeInterval);

  /** Makes the node schedulable again. */
  void uncordon(ClusterMember node);

  /** Sends the Upgrade RPC with {@code image}; returns the node's ack. */
  String upgrade(ClusterMember node, String image);

  /** The machine config the node runs. */
  byte[] runningConfig(ClusterMember node);

  /**
   * Applies a config that must take effect without a reboot.
   *
   * @throws RemoteServiceException.RebootRequired when the node says the change needs a reboot
   *     (nothing applied)
   */
  void applyWithoutReboot(ClusterMember node, byte[] config);

  /**
   * Whether the node would need a reboot to take this config: the node's own answer to a dry run in
   * NO_REBOOT mode (Talos checks the mode before the dry run). Nothing is applied.
   */
  boolean needsReboot(ClusterMember node, byte[] config);

  /** Stages a config: the node keeps running its config and boots into this one next time. */
  void stageConfig(ClusterMember node, byte[] config);

  /** Applies a config that needs a reboot; the node goes down to boot into it. */
  void applyWithReboot(ClusterMember node, byte[] config);

  /** A Kubernetes Node's readiness, schedulability and versions. */
  record KubeNode(boolean ready, boolean unschedulable, String kubeletVersion, String osImage) {}

  @Override
  void close();
}
