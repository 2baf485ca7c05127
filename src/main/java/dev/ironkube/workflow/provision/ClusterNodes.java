package dev.ironkube.workflow.provision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every node of the cluster with its address, control planes first, and the name the control plane
 * is reached by. The first control plane is where etcd is bootstrapped and what the tool itself
 * dials for the Kubernetes API.
 *
 * @param nodes control planes first, each pool in order
 * @param dnsName the published name of the control plane, when DNS is configured
 */
public record ClusterNodes(List<TalosStage.Node> nodes, Optional<String> dnsName) {
  public ClusterNodes {
    nodes = List.copyOf(nodes);
    if (nodes.stream().noneMatch(TalosStage.Node::controlPlane)) {
      throw new IllegalArgumentException("a cluster needs a control plane");
    }
  }

  public List<TalosStage.Node> controlPlanes() {
    return nodes.stream().filter(TalosStage.Node::controlPlane).toList();
  }

  public List<TalosStage.Node> workers() {
    return nodes.stream().filter(n -> !n.controlPlane()).toList();
  }

  /** Where etcd is bootstrapped and where the tool reaches the Kubernetes API. */
  public TalosStage.Node first() {
    return controlPlanes().get(0);
  }

  /** Every node but the first control plane: the ones that join. */
  public List<TalosStage.Node> joining() {
    return nodes.stream().filter(n -> n != first()).toList();
  }

  /**
   * The host of cluster.controlPlane.endpoint: the DNS name when one is published (every control
   * plane behind it), else the first control plane's address.
   */
  public String endpointHost() {
    return dnsName.orElse(first().address());
  }

  /** Why the endpoint is what it is, for the report. */
  public String endpointReason() {
    if (dnsName.isPresent()) {
      return controlPlanes().size() == 1
          ? "the DNS name, so the address behind it can change without new certificates"
          : "the DNS name, with an A record for each of the "
              + controlPlanes().size()
              + " control planes, so the API stays reachable when one is down";
    }
    return controlPlanes().size() == 1
        ? "the control plane's address (set IRONKUBE_DNS_NAME and Cloudflare for a stable name)"
        : "the first control plane's address, as no DNS name is set; if it goes down, point"
            + " clients at another control plane (IRONKUBE_DNS_NAME with Cloudflare gives one"
            + " name for all)";
  }

  /** The names clients may dial: the DNS name and every control plane's address. */
  public List<String> apiNames() {
    List<String> out = new ArrayList<>();
    dnsName.ifPresent(out::add);
    controlPlanes().forEach(n -> out.add(n.address()));
    return out;
  }

  public List<String> addresses() {
    return nodes.stream().map(TalosStage.Node::address).toList();
  }

  public Optional<TalosStage.Node> byHostname(String hostname) {
    return nodes.stream().filter(n -> n.hostname().equals(hostname)).findFirst();
  }

  /** The same cluster with only these nodes (the ones still healthy). */
  public ClusterNodes only(List<TalosStage.Node> kept) {
    return new ClusterNodes(nodes.stream().filter(kept::contains).toList(), dnsName);
  }
}
