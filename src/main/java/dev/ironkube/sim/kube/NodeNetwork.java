package dev.ironkube.sim.kube;

/**
 * The paths between a cluster's nodes that its firewalls decide, as the Kubernetes side feels them.
 * A blocked path does not make a Node NotReady (the kubelet posts its status outward, over a path
 * the node itself opens): it breaks what travels over it.
 */
public interface NodeNetwork {
  /** Every path open: a single node, or a simulation without firewalls. */
  NodeNetwork OPEN =
      new NodeNetwork() {
        @Override
        public boolean kubeletReachable(String apiServerAddress, String nodeName) {
          return true;
        }

        @Override
        public boolean podNetworkUp(String nodeName) {
          return true;
        }
      };

  /**
   * Whether the API server on {@code apiServerAddress} reaches the kubelet of {@code nodeName} on
   * TCP 10250: logs, exec, port-forward and metrics go this way.
   */
  boolean kubeletReachable(String apiServerAddress, String nodeName);

  /**
   * Whether the node admits the CNI's VXLAN (UDP 8472, Cilium) from every other node. When it does
   * not, its pods run but cannot reach DNS or services on other nodes (the replies are dropped), so
   * their readiness probes fail.
   */
  boolean podNetworkUp(String nodeName);
}
