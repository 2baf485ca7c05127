package dev.ironkube.workflow.provision;

import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.PlanOffer;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.settings.NodePools;
import dev.ironkube.workflow.Journal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one provisioning run knows about its nodes as it goes: the members the pools describe, the
 * offers chosen for them, the ones that failed, the cluster built from the rest, and the lines the
 * plan and the report show. The orchestration, the failure policy, the dry-run plan and the report
 * all read this one record of the run.
 */
final class Roster {
  final List<Member> members = new ArrayList<>();
  final Map<String, PlanOffer> offers = new LinkedHashMap<>();
  final Map<Member, String> failed = new LinkedHashMap<>();
  final List<String> planned = new ArrayList<>();
  final List<Path> rendered = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  private final Optional<String> dnsName;

  /** The cluster as bootstrapped from the members not failed; null until then. */
  ClusterNodes built;

  Roster(Optional<String> dnsName) {
    this.dnsName = dnsName;
  }

  /** Names every member the pools describe, in pool order. */
  void plan(ClusterIdentity id, List<NodePools.Pool> pools) {
    members.clear();
    for (NodePools.Pool pool : pools) {
      for (int i = 1; i <= pool.count(); i++) {
        members.add(new Member(id.hostname(pool.name(), i), pool));
      }
    }
  }

  Member first() {
    return members.get(0);
  }

  boolean single() {
    return members.size() == 1;
  }

  /** Members not failed so far. */
  List<Member> active() {
    return members.stream().filter(m -> !failed.containsKey(m)).toList();
  }

  PlanOffer offerOf(Member m) {
    return offers.get(m.pool.name());
  }

  ClusterNodes cluster(List<Member> nodes) {
    return new ClusterNodes(nodes.stream().map(Member::node).toList(), dnsName);
  }

  ClusterNodes preview(List<TalosStage.Node> nodes) {
    return new ClusterNodes(nodes, dnsName);
  }

  /** The servers the journal says this cluster owns, by hostname. */
  static Map<String, ResourceRef> ownedServers(Journal journal) {
    Map<String, ResourceRef> owned = new LinkedHashMap<>();
    journal.owned().stream()
        .map(Journal.Owned::ref)
        .filter(r -> r.kind().equals(ResourceRef.SERVER))
        .forEach(r -> owned.put(r.name(), r));
    return owned;
  }
}
