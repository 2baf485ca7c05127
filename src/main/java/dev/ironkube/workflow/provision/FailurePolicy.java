package dev.ironkube.workflow.provision;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Cleanup;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.Outcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a provisioning run does when something fails: with keep-on-failure the failed nodes are set
 * aside and the healthy ones go on; without it the first failure stops the run. After the run
 * failed, what it created is deleted newest first (or kept), what earlier runs built is never this
 * run's to delete, and the journal records how the run ended.
 */
final class FailurePolicy {
  private final ProvisionContext ctx;
  private final Roster roster;
  private final TalosStage talos;
  private final List<AfterBootstrap> after;
  private final boolean dryRun;
  private final boolean keepOnFailure;
  private boolean wasProvisioned;
  private Set<Journal.Owned> preexisting = Set.of();

  FailurePolicy(
      ProvisionContext ctx,
      Roster roster,
      TalosStage talos,
      List<AfterBootstrap> after,
      boolean dryRun,
      boolean keepOnFailure) {
    this.ctx = ctx;
    this.roster = roster;
    this.talos = talos;
    this.after = after;
    this.dryRun = dryRun;
    this.keepOnFailure = keepOnFailure;
  }

  /**
   * Notes, before anything is done, whether the cluster already worked and what it owned: a failure
   * later deletes only what this run added to a working cluster.
   */
  void begin() {
    // A destroy retires the journal, so any success recorded here is this cluster's. A journal
    // whose last line is cut off may have been recording that success: not knowing is not "no".
    wasProvisioned =
        ctx.journal().hadOutcome(Outcome.PROVISIONED) || ctx.journal().outcomeUncertain();
    preexisting = Set.copyOf(ctx.journal().owned());
  }

  /**
   * Runs one node's work for each member. Without keep-on-failure the first failure stops the
   * others and is thrown (cleanup follows); with it the failed nodes are set aside and the rest go
   * on, unless the first control plane failed, which leaves nothing to build on.
   */
  void forEachNode(List<Member> nodes, int bound, boolean interrupt, NodeTasks.Work<Member> work)
      throws Exception {
    Map<Member, Exception> failures = NodeTasks.run(nodes, bound, !keepOnFailure, interrupt, work);
    if (failures.isEmpty()) {
      return;
    }
    var causes = NodeTasks.causes(failures);
    Exception firstCause = causes.get(0).getValue();
    if (firstCause instanceof Cancellation.CancelledException || ctx.cancellation().isCancelled()) {
      throw new Cancellation.CancelledException(ctx.cancellation().reason());
    }
    if (!keepOnFailure || roster.single()) {
      if (!roster.single()) {
        ctx.progress().warn(causes.get(0).getKey().hostname + " failed: " + message(firstCause));
      }
      throw firstCause;
    }
    for (var f : causes) {
      roster.failed.put(f.getKey(), message(f.getValue()));
      ctx.progress().warn(f.getKey().hostname + " failed: " + message(f.getValue()));
    }
    if (roster.failed.containsKey(roster.first())) {
      throw firstCause;
    }
    if (roster.built != null) {
      roster.built = roster.built.only(roster.active().stream().map(Member::node).toList());
    }
  }

  static String message(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** Keep-on-failure with nodes missing: the healthy part stays, the run says what failed. */
  OperationFailedException partial() {
    List<String> names = roster.failed.keySet().stream().map(m -> m.hostname).toList();
    return new OperationFailedException(
        roster.failed.size()
            + " of "
            + roster.members.size()
            + " nodes failed ("
            + String.join(", ", names)
            + "); "
            + (roster.active().size() == 1 ? "the other node is" : "the other nodes are")
            + " kept"
            + (roster.built == null ? "" : " as a bootstrapped cluster")
            + ", without the platform and lockdown until every node is in",
        "run 'ironkube provision --name "
            + cluster()
            + "' again to complete the missing nodes from the journal, or 'ironkube destroy "
            + cluster()
            + "'",
        ExitCodes.PROVISION_FAILED,
        null);
  }

  /**
   * The access path could not be verified: the nodes stay as they are, running and reachable by the
   * operator, because cleaning up would destroy a healthy cluster and locking down would lock the
   * operator out. The run says so and what to do.
   */
  void leftRunning(IronkubeException e) {
    ctx.journal().outcome(Outcome.LEFT_RUNNING, e.getMessage());
    ctx.progress()
        .warn(
            "The cluster is up but NOT locked down: the operator allows on 50000 and 6443 stay."
                + " Fix the Teleport agent, then run 'ironkube provision --name "
                + cluster()
                + "' again to verify and lock down, or 'ironkube destroy "
                + cluster()
                + "'. It keeps billing meanwhile.");
  }

  /** Deletes or keeps what the failed run created, as the policy says, and journals the outcome. */
  void afterFailure(String reason) {
    if (dryRun || ctx.journal().owned().isEmpty()) {
      return;
    }
    if (wasProvisioned) {
      // A re-run (or a scale) of a working cluster failed: what the earlier runs built is not this
      // run's to delete; what this run added is, unless the user wants it kept.
      if (!keepOnFailure) {
        List<Cleanup.Leftover> left = cleanup(o -> !preexisting.contains(o));
        left.forEach(this::warnLeftover);
        restoreConfigs();
      }
      ctx.journal().outcome(Outcome.RERUN_FAILED, reason);
      ctx.progress()
          .warn(
              "Cluster "
                  + cluster()
                  + " from the earlier run is kept"
                  + (keepOnFailure ? ", with what this run added" : "")
                  + "; 'ironkube destroy "
                  + cluster()
                  + "' removes it.");
      return;
    }
    if (keepOnFailure) {
      ctx.journal().outcome(Outcome.FAILED_KEPT, reason);
      warnKept();
      return;
    }
    List<Cleanup.Leftover> left = cleanup(o -> true);
    if (left.isEmpty()) {
      ctx.journal().outcome(Outcome.FAILED_CLEANED, reason);
    } else {
      ctx.journal().outcome(Outcome.FAILED_LEFTOVERS, reason);
      left.forEach(this::warnLeftover);
    }
  }

  private void warnKept() {
    List<Member> up = roster.active().stream().filter(m -> m.ipv4 != null).toList();
    if (!roster.single() && !up.isEmpty()) {
      ctx.progress()
          .warn(
              "Kept "
                  + String.join(", ", up.stream().map(m -> m.hostname + " " + m.ipv4).toList())
                  + (roster.failed.isEmpty()
                      ? ""
                      : "; failed: "
                          + String.join(
                              "; ",
                              roster.failed.entrySet().stream()
                                  .map(e -> e.getKey().hostname + " (" + e.getValue() + ")")
                                  .toList())));
    }
    ctx.progress()
        .warn(
            "Kept what was created (--keep-on-failure). It keeps billing: run 'ironkube destroy "
                + cluster()
                + "' when done, or 'ironkube provision' to resume.");
  }

  /**
   * After the nodes a failed run added were deleted: the nodes that stay may already have configs
   * naming them (certSANs, firewall allows), which are rewritten for the nodes that are left, so no
   * address this cluster gave back stays allowed in.
   */
  private void restoreConfigs() {
    if (talos == null || roster.built == null) {
      return;
    }
    Map<String, ResourceRef> servers = Roster.ownedServers(ctx.journal());
    List<Member> kept =
        roster.members.stream()
            .filter(m -> m.server != null && m.ipv4 != null)
            .filter(m -> servers.containsKey(m.hostname))
            .toList();
    if (kept.isEmpty()
        || kept.size() == roster.built.nodes().size()
        || !kept.contains(roster.first())) {
      return;
    }
    ctx.progress().phase("Rewriting the configs of the nodes that stay");
    ClusterNodes left = roster.cluster(kept);
    for (Member m : kept) {
      try {
        talos.configure(left, m.node());
      } catch (RuntimeException e) {
        ctx.progress()
            .warn(
                m.hostname
                    + " keeps a config that names the deleted nodes: "
                    + message(e)
                    + "; run 'ironkube provision --name "
                    + cluster()
                    + "' again to rewrite it");
      }
    }
  }

  private List<Cleanup.Leftover> cleanup(Predicate<Journal.Owned> which) {
    if (ctx.journal().owned().stream().noneMatch(which)) {
      return List.of();
    }
    ctx.progress().phase("Cleaning up after the failure");
    Map<String, Cleanup.Deleter> deleters = new HashMap<>();
    deleters.put(ctx.provider().name(), ctx.provider()::delete);
    after.forEach(a -> deleters.putAll(a.deleters()));
    return new Cleanup(ctx.gate(), deleters, ctx.progress()).run(which);
  }

  private void warnLeftover(Cleanup.Leftover l) {
    ctx.progress()
        .warn(
            "could not delete "
                + Cleanup.describe(l.ref())
                + ": "
                + l.reason()
                + "; run 'ironkube destroy "
                + cluster()
                + "'");
  }

  private String cluster() {
    return ctx.spec().name();
  }
}
