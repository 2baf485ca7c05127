package dev.ironkube.workflow.provision;

import dev.ironkube.provider.ResourceRef;
import dev.ironkube.settings.NodePools;
import dev.ironkube.workflow.Progress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The first half of `ironkube scale`: sets a worker pool's size and removes the nodes beyond it,
 * newest first (drained, deleted from Kubernetes and reset by the Talos stage, then deleted at the
 * provider). The pipeline then runs again for the new member list.
 */
final class Scaling {
  private final ProvisionContext ctx;
  private final Roster roster;
  private final PoolSizes sizes;
  private final TalosStage talos;

  Scaling(ProvisionContext ctx, Roster roster, PoolSizes sizes, TalosStage talos) {
    this.ctx = ctx;
    this.roster = roster;
    this.sizes = sizes;
    this.talos = talos;
  }

  /** Journals the pool's new size, re-plans the members and removes the ones beyond it. */
  void scaleTo(String poolName, int count, Runnable replan) {
    List<NodePools.Pool> pools = sizes.pools();
    sizes.scaleTo(poolName, count);
    ctx.journal().value(PoolSizes.countKey(poolName), Integer.toString(count));
    replan.run();
    // What the cluster has is what the journal holds, whatever the settings say.
    Map<String, ResourceRef> servers = Roster.ownedServers(ctx.journal());
    List<Member> before = new ArrayList<>();
    List<Member> removing = new ArrayList<>();
    for (var e : servers.entrySet()) {
      var at = sizes.poolIndex(e.getKey());
      NodePools.Pool of =
          at.flatMap(a -> pools.stream().filter(p -> p.name().equals(a.getKey())).findFirst())
              .orElse(null);
      if (of == null) {
        continue;
      }
      Member m = new Member(e.getKey(), of);
      m.server = e.getValue();
      m.ipv4 = ctx.journal().value("ipv4 " + m.hostname).orElse(null);
      before.add(m);
      if (of.name().equals(poolName) && at.get().getValue() > count) {
        removing.add(m);
      }
    }
    if (!removing.isEmpty()) {
      removeNodes(before, removing);
    }
  }

  private void removeNodes(List<Member> before, List<Member> removing) {
    before.sort(
        Comparator.comparing((Member m) -> !m.controlPlane()).thenComparing(m -> m.hostname));
    List<Member> known = before.stream().filter(m -> m.server != null && m.ipv4 != null).toList();
    ctx.progress()
        .phase("Removing " + removing.size() + (removing.size() == 1 ? " node" : " nodes"));
    ClusterNodes current = roster.cluster(known);
    List<Member> newestFirst = new ArrayList<>(removing);
    Collections.reverse(newestFirst);
    for (Member m : newestFirst) {
      ctx.cancellation().check();
      if (m.server == null) {
        continue;
      }
      if (talos != null && m.ipv4 != null) {
        talos.retire(current, m.node());
      }
      Progress.Step step = ctx.progress().step("Deleting server " + m.hostname);
      ResourceRef server = m.server;
      ctx.gate().delete(ctx.provider().name(), server, () -> ctx.provider().delete(server));
      step.done(server.id());
    }
  }
}
