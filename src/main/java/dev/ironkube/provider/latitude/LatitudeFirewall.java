package dev.ironkube.provider.latitude;

import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.NetworkGuard;
import dev.ironkube.provider.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Latitude.sh firewall that closes the Talos maintenance API to everyone but the operator.
 *
 * <p>The rule set follows from what the spec says a Latitude rule is: {@code from}, {@code to},
 * {@code protocol} (TCP or UDP only) and {@code port}, with no action, and every new firewall is
 * seeded with an undeletable "ANY to ANY, TCP 22" rule ({@code default: true}). Rules therefore
 * only let traffic in; once a server is assigned, whatever no rule matches is dropped. A firewall
 * holding only "operator to 50000" would thus cut the server off from everything else: the other
 * nodes of the cluster (etcd 2379-2380, kubelet 10250, trustd 50001, the CNI's UDP tunnel) and the
 * answers to the node's own DNS, NTP and image pulls, should the firewall not track connections. So
 * the firewall lets every TCP port but 50000 and every UDP port in from anywhere, exactly as
 * without a firewall, and 50000 only from the operator's CIDRs: the provider narrows nothing but
 * the maintenance API.
 *
 * <p>6443 is deliberately left to Talos: nothing listens on it before the config is applied, and
 * the firewall is released right after that, when Talos' own default-block rules (operator and node
 * addresses only) take over both 50000 and 6443. Restricting 6443 here as well would only risk
 * cutting off other nodes' kubelets should a release come late. ICMP cannot be expressed (the
 * protocol is TCP or UDP) and is left to the provider's handling.
 */
final class LatitudeFirewall implements NetworkGuard {
  static final int TALOS_API = 50000;
  private static final String ANY = "ANY";

  private final LatitudeClient client;

  LatitudeFirewall(LatitudeClient client) {
    this.client = Objects.requireNonNull(client);
  }

  @Override
  public List<Integer> guardedPorts() {
    return List.of(TALOS_API);
  }

  @Override
  public Optional<ResourceRef> find(ClusterIdentity cluster) {
    return client.findFirewalls(cluster.markerName()).stream()
        .findFirst()
        .map(f -> new ResourceRef(FIREWALL, f.id(), cluster.markerName()));
  }

  @Override
  public ResourceRef create(ClusterIdentity cluster, List<String> operatorCidrs) {
    if (operatorCidrs.isEmpty()) {
      throw new IllegalArgumentException("a maintenance firewall needs the operator's address");
    }
    String marker = cluster.markerName();
    String project =
        client
            .findProject(marker)
            .orElseThrow(
                () -> new IllegalStateException("the firewall needs the cluster's project first"))
            .id();
    LatResource<LatFirewall> created =
        client.createFirewall(new LatNewFirewall(marker, project, rules(operatorCidrs)));
    return new ResourceRef(FIREWALL, created.id(), marker);
  }

  /** The operator on 50000; everything else as open as without a firewall (see the class note). */
  static List<LatFirewallRule> rules(List<String> operatorCidrs) {
    List<LatFirewallRule> rules = new ArrayList<>();
    for (String cidr : operatorCidrs) {
      rules.add(
          new LatFirewallRule(
              cidr,
              ANY,
              "TCP",
              String.valueOf(TALOS_API),
              "Talos maintenance API: the operator only, until the node is configured"));
    }
    rules.add(
        new LatFirewallRule(
            ANY, ANY, "TCP", "1-" + (TALOS_API - 1), "ironkube narrows only the Talos API"));
    rules.add(
        new LatFirewallRule(
            ANY, ANY, "TCP", (TALOS_API + 1) + "-65535", "ironkube narrows only the Talos API"));
    rules.add(new LatFirewallRule(ANY, ANY, "UDP", "1-65535", "ironkube narrows no UDP port"));
    return rules;
  }

  @Override
  public ResourceRef assign(ResourceRef firewall, String serverId) {
    LatResource<LatFirewallAssignment> created = client.assignFirewall(firewall.id(), serverId);
    return assignmentRef(firewall.id(), created.id(), serverId);
  }

  @Override
  public Optional<ResourceRef> findAssignment(ResourceRef firewall, String serverId) {
    return client.firewallAssignments(firewall.id()).stream()
        .filter(
            a ->
                a.attributes() != null
                    && a.attributes().server() != null
                    && serverId.equals(a.attributes().server().id()))
        .findFirst()
        .map(a -> assignmentRef(firewall.id(), a.id(), serverId));
  }

  /** Removes an assignment made by {@link #assign}; already gone is done. */
  void unassign(ResourceRef assignment) {
    String id = assignment.id();
    int slash = id.indexOf('/');
    if (slash < 1 || slash == id.length() - 1) {
      throw new IllegalArgumentException("not a firewall assignment id: " + id);
    }
    client.deleteFirewallAssignment(id.substring(0, slash), id.substring(slash + 1));
  }

  private static ResourceRef assignmentRef(String firewallId, String assignmentId, String server) {
    return new ResourceRef(ASSIGNMENT, firewallId + "/" + assignmentId, server);
  }
}
