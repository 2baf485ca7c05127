package dev.ironkube.talos.config;

import dev.ironkube.net.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ingress firewall as Talos documents: NetworkDefaultActionConfig (block) and one
 * NetworkRuleConfig per port set. Block mode is used because accept mode has no conntrack exception
 * and drops replies to the node's own connections (siderolabs/talos#13926). In block mode Talos
 * already accepts loopback, established/related, rate-limited ICMP and pod/service-to-pod/service
 * traffic; these rules add what it does not.
 */
final class FirewallDocuments {
  static final int APID = 50000;
  static final int TRUSTD = 50001;
  static final int KUBERNETES_API = 6443;
  static final int KUBELET = 10250;
  static final String ETCD = "2379-2380";
  static final int CILIUM_VXLAN = 8472;

  private FirewallDocuments() {}

  static List<Yaml> build(MachineConfigInput input) {
    boolean controlPlane = input.role() == NodeRole.CONTROLPLANE;
    FirewallPolicy policy = input.firewall();
    List<String> nodes = nodeSources(input);
    List<String> operators =
        policy.bootstrapAllows() ? normalised(policy.operatorCidrs()) : List.of();
    List<String> pods = normalised(input.podSubnets());

    List<Yaml> documents = new ArrayList<>();
    documents.add(
        Yaml.map()
            .with("apiVersion", "v1alpha1")
            .with("kind", "NetworkDefaultActionConfig")
            .with("ingress", "block"));
    // apid: other nodes proxy and manage through it; the operator only during bootstrap.
    rule(documents, "ironkube-apid", "tcp", APID, union(nodes, operators));
    if (controlPlane) {
      // Workers fetch their certificates from trustd on the control planes.
      rule(documents, "ironkube-trustd", "tcp", TRUSTD, nodes);
      // Pods reach the API through the kubernetes Service, DNAT-ed to <node IP>:6443, which is
      // outside Talos' built-in pod/service exception; so the pod CIDR must be listed too.
      rule(
          documents,
          "ironkube-kubernetes-api",
          "tcp",
          KUBERNETES_API,
          union(pods, nodes, operators));
      rule(documents, "ironkube-etcd", "tcp", ETCD, nodes);
    }
    // The API server (on other nodes) and metrics-server pods talk to the kubelet.
    rule(documents, "ironkube-kubelet", "tcp", KUBELET, union(nodes, pods));
    // Cilium's VXLAN tunnel between nodes; unused on a single node, needed once there are two.
    rule(documents, "ironkube-cni-vxlan", "udp", CILIUM_VXLAN, nodes);
    return documents;
  }

  /**
   * The node network plus the node's own IP SANs as host routes, so a node always reaches itself on
   * the addresses it is dialled on, even when the caller names no node network.
   */
  static List<String> nodeSources(MachineConfigInput input) {
    Set<String> out = new LinkedHashSet<>(normalised(input.firewall().nodeCidrs()));
    for (String san : input.certSans()) {
      Cidr.host(san).map(Cidr::toString).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  private static void rule(
      List<Yaml> documents, String name, String protocol, Object port, List<String> sources) {
    if (sources.isEmpty()) {
      // Talos rejects nothing here, but a rule without sources allows nothing; leave it out.
      return;
    }
    List<Yaml> ingress = sources.stream().map(cidr -> Yaml.map().with("subnet", cidr)).toList();
    documents.add(
        Yaml.map()
            .with("apiVersion", "v1alpha1")
            .with("kind", "NetworkRuleConfig")
            .with("name", name)
            .with(
                "portSelector", Yaml.map().with("ports", List.of(port)).with("protocol", protocol))
            .with("ingress", ingress));
  }

  @SafeVarargs
  private static List<String> union(List<String>... lists) {
    Set<String> out = new LinkedHashSet<>();
    for (List<String> list : lists) {
      out.addAll(list);
    }
    return List.copyOf(out);
  }

  private static List<String> normalised(List<String> cidrs) {
    return cidrs.stream()
        .map(c -> Cidr.parseMasking(c).orElseThrow().toString())
        .distinct()
        .toList();
  }
}
