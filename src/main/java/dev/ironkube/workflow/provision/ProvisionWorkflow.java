package dev.ironkube.workflow.provision;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.workflow.ActionKind;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Outcome;
import dev.ironkube.workflow.Phase;
import dev.ironkube.workflow.PhaseRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `ironkube provision`: from credentials to servers booting Talos and, with a Talos stage, to a
 * bootstrapped cluster of every node the pools describe. Servers are ordered and brought up in
 * parallel; etcd is bootstrapped on the first control plane and the other nodes join it.
 *
 * <p>This class is the orchestration: which phases run in which order. What a failure does is
 * {@link FailurePolicy}'s (delete newest first, or keep the healthy nodes with keep-on-failure and
 * let a re-run complete them from the journal); `ironkube scale` removes nodes through {@link
 * Scaling}; a dry run ends in {@link DryRunPlan}; the report is {@link ReportBuilder}'s. Ctrl-C
 * stops waiting and cleans up.
 */
public final class ProvisionWorkflow {
  /** The first phase's title, as the narration shows it. */
  public static final String PREFLIGHT_TITLE = "Checking everything before ordering";

  /** Orders in flight at once: Latitude allows 20 writes a minute per key. */
  static final int ORDER_CONCURRENCY = 3;

  private final ProvisionContext ctx;
  private final boolean dryRun;
  private final TalosStage talos;
  private final List<AfterBootstrap> after;
  private final PoolSizes sizes;
  private final Roster roster;
  private final PreflightPhase preflight;
  private final MaintenanceFirewall firewall;
  private final FailurePolicy failure;
  private boolean scaling;

  public ProvisionWorkflow(
      ProvisionContext ctx,
      boolean dryRun,
      TalosStage talos,
      Runnable afterAuthentication,
      boolean cheapestWhenUnchosen,
      List<AfterBootstrap> after) {
    this.ctx = ctx;
    this.dryRun = dryRun;
    this.talos = talos;
    this.after = List.copyOf(after);
    this.roster = new Roster(ctx.spec().dnsName());
    this.firewall = new MaintenanceFirewall(ctx, talos, roster.notes);
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
    this.failure =
        new FailurePolicy(ctx, roster, talos, this.after, dryRun, ctx.spec().keepOnFailure());
    planMembers();
  }

  private void planMembers() {
    roster.plan(ctx.spec().identity(), sizes.pools());
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
    scaling = true;
    new Scaling(ctx, roster, sizes, talos).scaleTo(poolName, count, this::planMembers);
    return run();
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
    return ctx.spec().name();
  }

  public ProvisionReport run() {
    failure.begin();
    refuseLockedDown();
    if (!scaling) {
      sizes.refuseShrinking(Roster.ownedServers(ctx.journal()).keySet());
    }
    PhaseRunner runner = new PhaseRunner(ctx.progress(), ctx.cancellation(), ctx.journal());
    try {
      runner.run(serverPhases());
      if (!dryRun && talos != null) {
        roster.built = roster.cluster(roster.active());
        for (AfterBootstrap stage : after) {
          if (stage.beforeConfigure()) {
            runner.run(stage.phases(roster.built));
          }
        }
        runner.run(talosPhases());
        if (!roster.failed.isEmpty()) {
          throw failure.partial();
        }
        // A scale changes nodes only: the platform's DaemonSets follow them by themselves, and
        // the access path is what it was.
        for (AfterBootstrap stage : after) {
          if (!stage.beforeConfigure() && !scaling) {
            runner.run(stage.phases(roster.built));
          }
        }
      } else if (!dryRun && !roster.failed.isEmpty()) {
        throw failure.partial();
      }
    } catch (Cancellation.CancelledException e) {
      failure.afterFailure("stopped by the user");
      throw e;
    } catch (IronkubeException e) {
      if (e.exitCode() == ExitCodes.LEFT_RUNNING) {
        failure.leftRunning(e);
      } else {
        failure.afterFailure(e.getMessage());
      }
      throw e;
    } catch (RuntimeException e) {
      failure.afterFailure(e.toString());
      throw e;
    } catch (Exception e) {
      failure.afterFailure(e.toString());
      throw new OperationFailedException(
          "provisioning failed: " + e.getMessage(), "", ExitCodes.PROVISION_FAILED, e);
    }
    if (!dryRun) {
      ctx.journal().outcome(Outcome.PROVISIONED, roster.first().hostname);
    }
    return ReportBuilder.build(ctx, roster, preflight, talos, after, dryRun);
  }

  private List<Phase> serverPhases() {
    List<Phase> phases = new ArrayList<>();
    phases.add(
        Phase.always(
            "preflight",
            PREFLIGHT_TITLE,
            () ->
                preflight.run(
                    roster.members, Roster.ownedServers(ctx.journal()).keySet(), roster.offers)));
    if (dryRun) {
      DryRunPlan plan = new DryRunPlan(ctx, roster, preflight, firewall, talos);
      phases.add(Phase.always("plan", "Planning (dry run: nothing is ordered)", plan::run));
    } else {
      phases.add(
          Phase.always(
              "order",
              roster.single() ? "Provisioning server" : "Provisioning servers",
              this::order));
      phases.add(Phase.always("boot", "Waiting for Talos to boot", this::awaitBoot));
    }
    return phases;
  }

  private List<Phase> talosPhases() {
    List<Phase> phases = new ArrayList<>();
    phases.add(
        Phase.always(
            "configure",
            "Configuring Talos",
            () -> {
              talos.prepareSecrets();
              failure.forEachNode(
                  roster.active(),
                  8,
                  true,
                  m -> {
                    talos.configure(roster.built, m.node());
                    // Talos' own firewall guards the node from here on.
                    firewall.release(m.server);
                  });
            }));
    phases.add(
        Phase.always(
            "bootstrap",
            "Bootstrapping Kubernetes",
            () -> {
              if (roster.failed.containsKey(roster.first())) {
                return;
              }
              talos.bootstrap(roster.built);
            }));
    if (!roster.single()) {
      phases.add(
          Phase.always(
              "join",
              "Joining the other nodes",
              () -> {
                List<Member> joining =
                    roster.active().stream().filter(m -> m != roster.first()).toList();
                failure.forEachNode(joining, 8, true, m -> talos.join(roster.built, m.node()));
              }));
    }
    return phases;
  }

  private void order() throws Exception {
    ClusterIdentity id = ctx.spec().identity();
    OrderPhase order = new OrderPhase(ctx);
    // The SSH key is generated only if the provider has to create one (its key supplier).
    List<ResourceRef> prepared = order.ensureRequirements(id);
    ctx.cancellation().check();
    if (talos != null) {
      talos.prepareSecretsInBackground();
    }
    // Creates are never interrupted: a create cut off mid-request leaves a server the journal
    // cannot name; letting it finish means cleanup knows what to delete.
    failure.forEachNode(
        roster.members,
        ORDER_CONCURRENCY,
        false,
        m -> {
          ctx.cancellation().check();
          m.server =
              order.orderServer(id, m.hostname, roster.offerOf(m), preflight.boot(), prepared);
          firewall.guard(m.server);
        });
  }

  private void awaitBoot() throws Exception {
    Map<String, ResourceRef> owned = Roster.ownedServers(ctx.journal());
    for (Member m : roster.active()) {
      if (m.server == null) {
        m.server = owned.get(m.hostname);
      }
      if (m.server == null) {
        throw new OperationFailedException("no server was ordered for " + m.hostname, "");
      }
    }
    failure.forEachNode(
        roster.active(),
        roster.members.size(),
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
          if (m == roster.first()) {
            ctx.journal().value("ipv4", m.ipv4);
          }
        });
  }
}
