package dev.ironkube.talos.config;

import java.util.List;

/**
 * The node's ingress firewall. Ingress is blocked by default; the node network (other nodes, and
 * the node's own addresses) reaches the cluster ports; the operator's addresses reach the Talos API
 * (50000) and Kubernetes API (6443) only while {@code bootstrapAllows} is on, so the lockdown
 * re-apply removes them.
 *
 * @param operatorCidrs where the operator's CLI connects from, as the node sees it (after NAT)
 * @param nodeCidrs the node network: other nodes and control planes
 * @param bootstrapAllows whether the operator CIDRs are allowed
 */
public record FirewallPolicy(
    List<String> operatorCidrs, List<String> nodeCidrs, boolean bootstrapAllows) {
  public FirewallPolicy {
    operatorCidrs = List.copyOf(operatorCidrs);
    nodeCidrs = List.copyOf(nodeCidrs);
  }

  /** The bootstrap policy: operators allowed on 50000 and 6443. */
  public static FirewallPolicy bootstrap(List<String> operatorCidrs, List<String> nodeCidrs) {
    return new FirewallPolicy(operatorCidrs, nodeCidrs, true);
  }

  /** The same policy with the operator allows removed. */
  public FirewallPolicy lockedDown() {
    return new FirewallPolicy(operatorCidrs, nodeCidrs, false);
  }
}
