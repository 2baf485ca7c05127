package dev.ironkube.workflow.provision;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.PlanOffer;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.settings.NodePools;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.workflow.ActionKind;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Cleanup;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.Outcome;
import dev.ironkube.workflow.Phase;
import dev.ironkube.workflow.PhaseRunner;
import dev.ironkube.workflow.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `ironkube provision`: from credentials to servers booting Talos and, with a Talos stage, to a
 * bootstrapped cluster of every node the pools describe. Servers are ordered and brought up in
 * parallel; etcd is bootstrapped on the first control plane and the other nodes join it.
 *
 * <p>A failure after anything was created deletes it all, newest first, unless keep-on-failure is
 * set: then the nodes that are healthy are taken as far as a bootstrapped cluster, the run fails
 * naming the nodes that did not make it, and a re-run completes them from the journal. Ctrl-C stops
 * waiting and cleans up.
 */
public final class ProvisionWorkflow {
  /** The first phase's title, as the narration shows it. */
  public static final String PREFLIGHT_TITLE = "Checking everything before ordering";

  /** Orders in flight at once: Latitude allows 20 writes a minute per key. */
  static final int ORDER_CONCURRENCY = 3;

  private final ProvisionContext ctx;
  private final boolean dryRun;
  private final boolean keepOnFailure;
  private final TalosStage talos;
  private final List<AfterBootstrap> after;
  private boolean wasProvisioned;
  private boolean scaling;
  private final PoolSizes sizes;
  private java.util.Set<Journal.Owned> preexisting = java.util.Set.of();

  private final List<Member> members = new ArrayList<>();
  private final Map<String, PlanOffer> offers = new LinkedHashMap<>();
  private final Map<Member, String> failed = new LinkedHashMap<>();
  private final PreflightPhase preflight;
  private ClusterNodes built;
  private final List<String> planned = new ArrayList<>();
  private final List<Path> rendered = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final MaintenanceFirewall firewall;

  /** One node of the cluster as the run knows it. */
  static final class Member {
    final String hostname;
    final NodePools.Pool pool;
    volatile ResourceRef server;
    volatile String ipv4;

    Member(String hostname, NodePools.Pool pool) {
      this.hostname = hostname;
      this.pool = pool;
    }

    boolean controlPlane() {
      return pool.controlPlane();
    }

    TalosStage.Node node() {
      return new TalosStage.Node(hostname, ipv4, server.id(), controlPlane());
    }

    @Override
    public String toString() {
      return hostname;
    }
  }

  public ProvisionWorkflow(
      ProvisionContext ctx,
      boolean dryRun,
      boolean keepOnFailure,
      TalosStage talos,
      Runnable afterAuthentication,
      boolean cheapestWhenUnchosen,
      List<AfterBootstrap> after) {
    this.ctx = ctx;
    this.dryRun = dryRun;
    this.keepOnFailure = keepOnFailure;
    this.talos = talos;
    this.after = List.copyOf(after);
    this.firewall = new MaintenanceFirewall(ctx, talos, notes);
    this.sizes = new PoolSizes(ctx);
    this.preflight =
        new PreflightPhase(
            ctx,
            dryRun,
            talos,
            afterAuthentication,
            this.after,
            sizes,
            new HardwareChoice(ctx, cheapestWhenUnchosen));
    planMembers();
  }

  private void planMembers() {
    members.clear();
    ClusterIdentity id = new ClusterIdentity(cluster());
    for (NodePools.Pool pool : sizes.pools()) {
      for (int i = 1; i <= pool.count(); i++) {
        members.add(new Member(id.hostname(pool.name(), i), pool));
      }
    }
  }

  /**
   * `ironkube scale`: sets a worker pool to {@code count} nodes. Nodes beyond it are drained,
   * deleted from Kubernetes, reset and deleted at the provider, newest first; then the run goes
   * through the pipeline again, which orders and joins any new nodes and rewrites every node's
   * config for the new member list (certSANs, firewall) without a reboot.
   */
  public ProvisionReport scale(String poolName, int count) {
    if (!ctx.journal().hadOutcome(Outcome.PROVISIONED)) {
      throw new UserInputException(
          "cluster " + cluster() + " has not been provisioned",
          "run 'ironkube provision --name " + cluster() + "' first");
    }
    refuseLockedDown();
    List<NodePools.Pool> pools = sizes.pools();
    scaling = true;
    sizes.scaleTo(poolName, count);
    ctx.journal().value(PoolSizes.countKey(poolName), Integer.toString(count));
    planMembers();
    // What the cluster has is what the journal holds, whatever the settings say.
    Map<String, ResourceRef> servers = ownedServers();
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
    return run();
  }

  private void removeNodes(List<Member> before, List<Member> removing) {
    before.sort(
        java.util.Comparator.comparing((Member m) -> !m.controlPlane())
            .thenComparing(m -> m.hostname));
    List<Member> known = before.stream().filter(m -> m.server != null && m.ipv4 != null).toList();
    ctx.progress()
        .phase("Removing " + removing.size() + (removing.size() == 1 ? " node" : " nodes"));
    ClusterNodes current = cluster(known);
    List<Member> newestFirst = new ArrayList<>(removing);
    java.util.Collections.reverse(newestFirst);
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

  private Map<String, ResourceRef> ownedServers() {
    Map<String, ResourceRef> owned = new LinkedHashMap<>();
    ctx.journal().owned().stream()
        .map(Journal.Owned::ref)
        .filter(r -> r.kind().equals(ResourceRef.SERVER))
        .forEach(r -> owned.put(r.name(), r));
    return owned;
  }

  private void refuseLockedDown() {
    if (!dryRun
        && ctx.journal().hadOutcome(Outcome.PROVISIONED)
        && ctx.journal().hasActed(ActionKind.LOCK_DOWN)) {
      throw new UserInputException(
          "cluster " + cluster() + " is already provisioned and locked down",
          "its Talos API no longer answers this machine, which any change needs; reach it"
              + " through Teleport; 'ironkube status "
              + cluster()
              + "' shows what it owns, 'ironkube destroy "
              + cluster()
              + "' removes it, and --name provisions another");
    }
  }

  private String cluster() {
    return ctx.settings().clusterName();
  }

  private Member first() {
    return members.get(0);
  }

  private boolean single() {
    return members.size() == 1;
  }

  public ProvisionReport run() {
    // A destroy retires the journal, so any success recorded here is this cluster's. A journal
    // whose last line is cut off may have been recording that success: not knowing is not "no".
    wasProvisioned =
        ctx.journal().hadOutcome(Outcome.PROVISIONED) || ctx.journal().outcomeUncertain();
    refuseLockedDown();
    if (!scaling) {
      sizes.refuseShrinking(ownedServers().keySet());
    }
    preexisting = java.util.Set.copyOf(ctx.journal().owned());
    List<Phase> phases = new ArrayList<>();
    phases.add(
        Phase.always(
            "preflight",
            PREFLIGHT_TITLE,
            () -> preflight.run(members, ownedServers().keySet(), offers)));
    if (dryRun) {
      phases.add(Phase.always("plan", "Planning (dry run: nothing is ordered)", this::plan));
    } else {
      phases.add(
          Phase.always(
              "order", single() ? "Provisioning server" : "Provisioning servers", this::order));
      phases.add(Phase.always("boot", "Waiting for Talos to boot", this::awaitBoot));
    }
    PhaseRunner runner = new PhaseRunner(ctx.progress(), ctx.cancellation(), ctx.journal());
    try {
      runner.run(phases);
      if (!dryRun && talos != null) {
        built = cluster(active());
        for (AfterBootstrap stage : after) {
          if (stage.beforeConfigure()) {
            runner.run(stage.phases(built));
          }
        }
        runner.run(talosPhases());
        if (!failed.isEmpty()) {
          throw partial();
        }
        // A scale changes nodes only: the platform's DaemonSets follow them by themselves, and
        // the access path is what it was.
        for (AfterBootstrap stage : after) {
          if (!stage.beforeConfigure() && !scaling) {
            runner.run(stage.phases(built));
          }
        }
      } else if (!dryRun && !failed.isEmpty()) {
        throw partial();
      }
    } catch (Cancellation.CancelledException e) {
      afterFailure("stopped by the user");
      throw e;
    } catch (IronkubeException e) {
      if (e.exitCode() == ExitCodes.LEFT_RUNNING) {
        leftRunning(e);
      } else {
        afterFailure(e.getMessage());
      }
      throw e;
    } catch (RuntimeException e) {
      afterFailure(e.toString());
      throw e;
    } catch (Exception e) {
      afterFailure(e.toString());
      throw new OperationFailedException(
          "provisioning failed: " + e.getMessage(), "", ExitCodes.PROVISION_FAILED, e);
    }
    if (!dryRun) {
      ctx.journal().outcome(Outcome.PROVISIONED, first().hostname);
    }
    return report();
  }

  private List<Phase> talosPhases() {
    List<Phase> phases = new ArrayList<>();
    phases.add(
        Phase.always(
            "configure",
            "Configuring Talos",
            () -> {
              talos.prepareSecrets();
              forEachNode(
                  active(),
                  8,
                  true,
                  m -> {
                    talos.configure(built, m.node());
                    // Talos' own firewall guards the node from here on.
                    firewall.release(m.server);
                  });
            }));
    phases.add(
        Phase.always(
            "bootstrap",
            "Bootstrapping Kubernetes",
            () -> {
              if (failed.containsKey(first())) {
                return;
              }
              talos.bootstrap(built);
            }));
    if (!single()) {
      phases.add(
          Phase.always(
              "join",
              "Joining the other nodes",
              () -> {
                List<Member> joining = active().stream().filter(m -> m != first()).toList();
                forEachNode(joining, 8, true, m -> talos.join(built, m.node()));
              }));
    }
    return phases;
  }

  /** Members not failed so far. */
  private List<Member> active() {
    return members.stream().filter(m -> !failed.containsKey(m)).toList();
  }

  private ClusterNodes cluster(List<Member> nodes) {
    return new ClusterNodes(
        nodes.stream().map(Member::node).toList(), ctx.settings().get(SettingsCatalogue.DNS_NAME));
  }

  /**
   * Runs one node's work for each member. Without keep-on-failure the first failure stops the
   * others and is thrown (cleanup follows); with it the failed nodes are set aside and the rest go
   * on, unless the first control plane failed, which leaves nothing to build on.
   */
  private void forEachNode(
      List<Member> nodes, int bound, boolean interrupt, NodeTasks.Work<Member> work)
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
    if (!keepOnFailure || single()) {
      if (!single()) {
        ctx.progress().warn(causes.get(0).getKey().hostname + " failed: " + message(firstCause));
      }
      throw firstCause;
    }
    for (var f : causes) {
      failed.put(f.getKey(), message(f.getValue()));
      ctx.progress().warn(f.getKey().hostname + " failed: " + message(f.getValue()));
    }
    if (failed.containsKey(first())) {
      throw firstCause;
    }
    if (built != null) {
      built = built.only(active().stream().map(Member::node).toList());
    }
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** Keep-on-failure with nodes missing: the healthy part stays, the run says what failed. */
  private OperationFailedException partial() {
    List<String> names = failed.keySet().stream().map(m -> m.hostname).toList();
    return new OperationFailedException(
        failed.size()
            + " of "
            + members.size()
            + " nodes failed ("
            + String.join(", ", names)
            + "); "
            + (active().size() == 1 ? "the other node is" : "the other nodes are")
            + " kept"
            + (built == null ? "" : " as a bootstrapped cluster")
            + ", without the platform and lockdown until every node is in",
        "run 'ironkube provision --name "
            + cluster()
            + "' again to complete the missing nodes from the journal, or 'ironkube destroy "
            + cluster()
            + "'",
        ExitCodes.PROVISION_FAILED,
        null);
  }

  private PlanOffer offerOf(Member m) {
    return offers.get(m.pool.name());
  }

  private void plan() {
    ctx.progress().info("Checklist (every check passed, nothing was ordered):");
    for (Preflight.Result r : preflight.results()) {
      ctx.progress().info("  " + r.line());
    }
    ClusterIdentity id = new ClusterIdentity(cluster());
    for (var req : ctx.provider().requirements(id)) {
      boolean exists = ctx.provider().find(req).isPresent();
      planned.add((exists ? "reuse " : "create ") + req.kind() + " " + req.name());
    }
    for (Member m : members) {
      PlanOffer offer = offerOf(m);
      planned.add(
          "create server "
              + m.hostname
              + (single() ? "" : " (" + (m.controlPlane() ? "control plane" : "worker") + ")")
              + " ("
              + offer.plan()
              + " at "
              + offer.site()
              + ", "
              + HardwareSelection.price(offer)
              + ", "
              + ctx.settings().require(SettingsCatalogue.BILLING)
              + " billing) booting "
              + preflight.boot().pxeUrl());
      planned.addAll(firewall.plan(m.hostname));
    }
    if (talos != null) {
      List<TalosStage.Node> previewNodes = new ArrayList<>();
      for (int i = 0; i < members.size(); i++) {
        Member m = members.get(i);
        previewNodes.add(
            new TalosStage.Node(m.hostname, "192.0.2." + (10 + i), "planned", m.controlPlane()));
      }
      ClusterNodes preview =
          new ClusterNodes(previewNodes, ctx.settings().get(SettingsCatalogue.DNS_NAME));
      rendered.addAll(talos.preview(ctx.files().renderedDir(), preview));
      notes.add(
          "rendered configs use 192.0.2.10"
              + (single() ? "" : " and up")
              + " for the servers and, unless spec.access.operatorCidrs is set, 198.51.100.10 for"
              + " you (documentation addresses); they hold secrets (0600)");
    }
    for (String line : planned) {
      ctx.progress().info("would " + line);
    }
  }

  private void order() throws Exception {
    ClusterIdentity id = new ClusterIdentity(cluster());
    OrderPhase order = new OrderPhase(ctx);
    // The SSH key is generated only if the provider has to create one (its key supplier).
    List<ResourceRef> prepared = order.ensureRequirements(id);
    ctx.cancellation().check();
    // Creates are never interrupted: a create cut off mid-request leaves a server the journal
    // cannot name; letting it finish means cleanup knows what to delete.
    forEachNode(
        members,
        ORDER_CONCURRENCY,
        false,
        m -> {
          ctx.cancellation().check();
          m.server = order.orderServer(id, m.hostname, offerOf(m), preflight.boot(), prepared);
          firewall.guard(m.server);
        });
  }

  private void awaitBoot() throws Exception {
    Map<String, ResourceRef> owned = ownedServers();
    for (Member m : active()) {
      if (m.server == null) {
        m.server = owned.get(m.hostname);
      }
      if (m.server == null) {
        throw new OperationFailedException("no server was ordered for " + m.hostname, "");
      }
    }
    forEachNode(
        active(),
        members.size(),
        true,
        m -> {
          m.ipv4 =
              new BootWait(
                      ctx,
                      m.hostname,
                      cluster(),
                      talos == null ? null : talos.boot(m.hostname, m.server.id()))
                  .await(m.server);
          ctx.journal().value("ipv4 " + m.hostname, m.ipv4);
          if (m == first()) {
            ctx.journal().value("ipv4", m.ipv4);
          }
        });
  }

  /**
   * The access path could not be verified: the nodes stay as they are, running and reachable by the
   * operator, because cleaning up would destroy a healthy cluster and locking down would lock the
   * operator out. The run says so and what to do.
   */
  private void leftRunning(IronkubeException e) {
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

  private void afterFailure(String reason) {
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
      List<Member> up = active().stream().filter(m -> m.ipv4 != null).toList();
      if (!single() && !up.isEmpty()) {
        ctx.progress()
            .warn(
                "Kept "
                    + String.join(", ", up.stream().map(m -> m.hostname + " " + m.ipv4).toList())
                    + (failed.isEmpty()
                        ? ""
                        : "; failed: "
                            + String.join(
                                "; ",
                                failed.entrySet().stream()
                                    .map(e -> e.getKey().hostname + " (" + e.getValue() + ")")
                                    .toList())));
      }
      ctx.progress()
          .warn(
              "Kept what was created (--keep-on-failure). It keeps billing: run 'ironkube destroy "
                  + cluster()
                  + "' when done, or 'ironkube provision' to resume.");
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

  /**
   * After the nodes a failed run added were deleted: the nodes that stay may already have configs
   * naming them (certSANs, firewall allows), which are rewritten for the nodes that are left, so no
   * address this cluster gave back stays allowed in.
   */
  private void restoreConfigs() {
    if (talos == null || built == null) {
      return;
    }
    Map<String, ResourceRef> servers = ownedServers();
    List<Member> kept =
        members.stream()
            .filter(m -> m.server != null && m.ipv4 != null)
            .filter(m -> servers.containsKey(m.hostname))
            .toList();
    if (kept.isEmpty() || kept.size() == built.nodes().size() || !kept.contains(first())) {
      return;
    }
    ctx.progress().phase("Rewriting the configs of the nodes that stay");
    ClusterNodes left = cluster(kept);
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

  private List<Cleanup.Leftover> cleanup(java.util.function.Predicate<Journal.Owned> which) {
    if (ctx.journal().owned().stream().noneMatch(which)) {
      return List.of();
    }
    ctx.progress().phase("Cleaning up after the failure");
    Map<String, Cleanup.Deleter> deleters = new java.util.HashMap<>();
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

  private ProvisionReport report() {
    Member cp = first();
    PlanOffer offer = offerOf(cp);
    List<ProvisionReport.NodeLine> nodes =
        members.stream()
            .map(
                m ->
                    new ProvisionReport.NodeLine(
                        m.hostname,
                        m.controlPlane() ? "controlplane" : "worker",
                        m.pool.name(),
                        m.server == null ? null : m.server.id(),
                        m.ipv4,
                        offerOf(m) == null ? null : offerOf(m).plan(),
                        offerOf(m) == null ? null : offerOf(m).site()))
            .toList();
    return new ProvisionReport(
        cluster(),
        ctx.provider().name(),
        dryRun ? "planned" : "provisioned",
        cp.server == null ? null : cp.server.id(),
        cp.hostname,
        cp.ipv4,
        offer == null ? null : offer.plan(),
        offer == null ? null : offer.site(),
        offer == null ? null : PreflightPhase.totalHourly(members, offers),
        offer == null ? null : offer.currency(),
        ctx.settings().get(SettingsCatalogue.TALOS_VERSION).orElse(null),
        talos == null || dryRun ? null : ctx.files().talosconfig(),
        talos == null || dryRun ? null : ctx.files().kubeconfig(),
        rendered.isEmpty() ? null : ctx.files().renderedDir(),
        List.copyOf(planned),
        List.copyOf(notes),
        after.stream().flatMap(a -> a.reportLines().stream()).toList(),
        nodes,
        built == null ? null : "https://" + built.endpointHost() + ":6443",
        built == null ? null : built.endpointReason(),
        preflight.results());
  }
}
