package dev.ironkube.workflow.provision;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.PlanOffer;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.provider.TalosBoot;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Cleanup;
import dev.ironkube.workflow.Phase;
import dev.ironkube.workflow.PhaseRunner;
import dev.ironkube.workflow.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `ironkube provision`: from credentials to a server booting Talos (and, with a Talos stage, to a
 * bootstrapped cluster). A failure after anything was created deletes it all, newest first, unless
 * keep-on-failure is set; Ctrl-C stops waiting and does the same.
 */
public final class ProvisionWorkflow {
  private final ProvisionContext ctx;
  private final boolean dryRun;
  private final boolean keepOnFailure;
  private final TalosStage talos;
  private final Runnable afterAuthentication;
  private final boolean cheapestWhenUnchosen;
  private final List<AfterBootstrap> after;
  private boolean wasProvisioned;

  private PlanOffer offer;
  private String schematicId;
  private TalosBoot boot;
  private ResourceRef server;
  private String ipv4;
  private final List<String> planned = new ArrayList<>();
  private final List<Path> rendered = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final MaintenanceFirewall firewall;

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
    this.afterAuthentication = afterAuthentication;
    this.cheapestWhenUnchosen = cheapestWhenUnchosen;
    this.after = List.copyOf(after);
    this.firewall = new MaintenanceFirewall(ctx, talos, notes);
  }

  private String cluster() {
    return ctx.settings().clusterName();
  }

  private String hostname() {
    return new ClusterIdentity(cluster()).hostname("cp", 1);
  }

  public ProvisionReport run() {
    // A destroy retires the journal, so any success recorded here is this cluster's.
    wasProvisioned = ctx.journal().hadOutcome("provisioned");
    if (!dryRun && wasProvisioned && ctx.journal().hasActedStartingWith("lock down ")) {
      throw new dev.ironkube.failure.UserInputException(
          "cluster " + cluster() + " is already provisioned and locked down",
          "reach it through Teleport; 'ironkube status "
              + cluster()
              + "' shows what it owns, 'ironkube destroy "
              + cluster()
              + "' removes it, and --name provisions another");
    }
    List<Phase> phases = new ArrayList<>();
    phases.add(
        Phase.always(
            "authenticate", "Authenticating with " + ctx.provider().name(), this::authenticate));
    phases.add(Phase.always("select", "Selecting hardware", this::select));
    phases.add(Phase.always("image", "Preparing the Talos image", this::image));
    if (dryRun) {
      phases.add(Phase.always("plan", "Planning (dry run: nothing is ordered)", this::plan));
    } else {
      phases.add(Phase.always("order", "Provisioning server", this::order));
      phases.add(Phase.always("boot", "Waiting for Talos to boot", this::awaitBoot));
    }
    PhaseRunner runner = new PhaseRunner(ctx.progress(), ctx.cancellation(), ctx.journal());
    try {
      runner.run(phases);
      if (!dryRun && talos != null) {
        TalosStage.Node node = new TalosStage.Node(hostname(), ipv4, server.id());
        for (AfterBootstrap stage : after) {
          if (stage.beforeConfigure()) {
            runner.run(stage.phases(node));
          }
        }
        runner.run(firewall.releasedAfterConfigure(talos.phases(node), server));
        for (AfterBootstrap stage : after) {
          if (!stage.beforeConfigure()) {
            runner.run(stage.phases(node));
          }
        }
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
      ctx.journal().outcome("provisioned", hostname());
    }
    return report();
  }

  private void authenticate() {
    Progress.Step step = ctx.progress().step("Validating API key");
    var account = ctx.provider().authenticate();
    step.done("as " + account.displayName());
    afterAuthentication.run();
  }

  private void select() {
    Progress.Step step = ctx.progress().step("Checking plans and stock");
    Optional<String> journaledPlan = ctx.journal().value("plan");
    Optional<String> journaledSite = ctx.journal().value("site");
    boolean ordered =
        ctx.journal().owned().stream().anyMatch(o -> o.ref().kind().equals(ResourceRef.SERVER));
    List<PlanOffer> offers = ctx.provider().offers();
    String plan = journaledPlan.or(() -> ctx.settings().get(SettingsCatalogue.PLAN)).orElse(null);
    String site = journaledSite.or(() -> ctx.settings().get(SettingsCatalogue.REGION)).orElse(null);
    if (ordered && plan != null && site != null) {
      String p = plan;
      String s = site;
      offer =
          offers.stream()
              .filter(o -> o.plan().equalsIgnoreCase(p) && o.site().equalsIgnoreCase(s))
              .findFirst()
              .orElseThrow(
                  () ->
                      new OperationFailedException(
                          "the journal's plan " + p + " at " + s + " is no longer listed", ""));
      step.done("resuming with " + offer.plan() + " at " + offer.site());
    } else if (plan != null && site != null) {
      offer = HardwareSelection.check(offers, plan, site, ctx.provider().name());
      step.done(offer.name() + " at " + offer.site() + ", " + HardwareSelection.price(offer));
    } else {
      offer = choose(offers, plan, site, step);
    }
    if (!dryRun) {
      ctx.journal().value("plan", offer.plan());
      ctx.journal().value("site", offer.site());
      ctx.journal().value("price", HardwareSelection.price(offer));
    }
    ctx.progress()
        .warn(
            "This server bills hourly at "
                + HardwareSelection.price(offer)
                + " from the moment it is ordered. Run 'ironkube destroy "
                + cluster()
                + "' when done.");
  }

  private PlanOffer choose(List<PlanOffer> offers, String plan, String site, Progress.Step step) {
    List<PlanOffer> candidates =
        HardwareSelection.orderable(offers).stream()
            .filter(
                o ->
                    plan == null
                        || o.plan().equalsIgnoreCase(plan)
                        || o.name().equalsIgnoreCase(plan))
            .filter(o -> site == null || o.site().equalsIgnoreCase(site))
            .toList();
    String missing =
        plan == null && site == null ? "--plan and --region" : plan == null ? "--plan" : "--region";
    if (cheapestWhenUnchosen && !ctx.prompter().available() && !candidates.isEmpty()) {
      PlanOffer cheapest = candidates.get(0);
      step.done(
          "simulation: took the cheapest in stock, "
              + cheapest.name()
              + " at "
              + cheapest.site()
              + " (pass "
              + missing
              + " to choose)");
      return cheapest;
    }
    if (!ctx.prompter().available()) {
      throw new dev.ironkube.failure.UserInputException(
          "no "
              + (plan == null ? "plan" : "region")
              + " chosen and nobody to ask (non-interactive run)",
          "pass " + missing + "; 'ironkube plans' lists what is in stock with prices");
    }
    if (candidates.isEmpty()) {
      throw new dev.ironkube.failure.UserInputException(
          "nothing is in stock"
              + (plan == null ? "" : " for plan " + plan)
              + (site == null ? "" : " at " + site),
          "run 'ironkube plans' to see what is in stock",
          ExitCodes.OUT_OF_STOCK);
    }
    step.done(candidates.size() + " offers in stock");
    List<String> lines = candidates.stream().map(HardwareSelection::describe).toList();
    int chosen = ctx.prompter().choose("Select a plan", lines, 0);
    return candidates.get(chosen);
  }

  private void image() {
    Progress.Step step = ctx.progress().step("Resolving Image Factory schematic");
    String version = ctx.settings().require(SettingsCatalogue.TALOS_VERSION);
    schematicId =
        ctx.settings()
            .get(SettingsCatalogue.SCHEMATIC_ID)
            .or(() -> ctx.journal().value("schematic"))
            .orElseGet(
                () -> ctx.images().schematic(ctx.settings().list(SettingsCatalogue.EXTENSIONS)));
    ctx.journal().value("schematic", schematicId);
    boot = ctx.images().boot(schematicId, version);
    step.done(schematicId.substring(0, Math.min(12, schematicId.length())) + "…, Talos " + version);
  }

  private void plan() {
    ClusterIdentity id = new ClusterIdentity(cluster());
    for (var req : ctx.provider().requirements(id)) {
      boolean exists = ctx.provider().find(req).isPresent();
      planned.add((exists ? "reuse " : "create ") + req.kind() + " " + req.name());
    }
    planned.add(
        "create server "
            + hostname()
            + " ("
            + offer.plan()
            + " at "
            + offer.site()
            + ", "
            + HardwareSelection.price(offer)
            + ", "
            + ctx.settings().require(SettingsCatalogue.BILLING)
            + " billing) booting "
            + boot.pxeUrl());
    planned.addAll(firewall.plan(hostname()));
    if (talos != null) {
      rendered.addAll(
          talos.preview(
              ctx.files().renderedDir(), new TalosStage.Node(hostname(), "192.0.2.10", "planned")));
      notes.add(
          "rendered configs use 192.0.2.10 for the server and, unless spec.access.operatorCidrs is"
              + " set, 198.51.100.10 for you (documentation addresses); they hold secrets (0600)");
    }
    for (String line : planned) {
      ctx.progress().info("would " + line);
    }
  }

  private void order() {
    ClusterIdentity id = new ClusterIdentity(cluster());
    OrderPhase order = new OrderPhase(ctx);
    // The SSH key is generated only if the provider has to create one (its key supplier).
    List<ResourceRef> prepared = order.ensureRequirements(id);
    ctx.cancellation().check();
    server = order.orderServer(id, hostname(), offer, boot, prepared);
    firewall.guard(server);
  }

  private void awaitBoot() {
    if (server == null) {
      server =
          ctx.journal().owned().stream()
              .map(dev.ironkube.workflow.Journal.Owned::ref)
              .filter(r -> r.kind().equals(ResourceRef.SERVER))
              .findFirst()
              .orElseThrow(() -> new OperationFailedException("no server was ordered", ""));
    }
    ipv4 =
        new BootWait(
                ctx,
                hostname(),
                cluster(),
                talos == null ? null : talos.boot(hostname(), server.id()))
            .await(server);
    ctx.journal().value("ipv4", ipv4);
  }

  /**
   * The access path could not be verified: the node stays as it is, running and reachable by the
   * operator, because cleaning up would destroy a healthy cluster and locking down would lock the
   * operator out. The run says so and what to do.
   */
  private void leftRunning(IronkubeException e) {
    ctx.journal().outcome("left-running", e.getMessage());
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
      // A re-run of a working cluster failed: what the earlier run built is not this run's to
      // delete.
      ctx.journal().outcome("rerun-failed", reason);
      ctx.progress()
          .warn(
              "Cluster "
                  + cluster()
                  + " from the earlier run is kept as it was; 'ironkube destroy "
                  + cluster()
                  + "' removes it.");
      return;
    }
    if (keepOnFailure) {
      ctx.journal().outcome("failed-kept", reason);
      ctx.progress()
          .warn(
              "Kept what was created (--keep-on-failure). It keeps billing: run 'ironkube destroy "
                  + cluster()
                  + "' when done, or 'ironkube provision' to resume.");
      return;
    }
    ctx.progress().phase("Cleaning up after the failure");
    Map<String, Cleanup.Deleter> deleters = new java.util.HashMap<>();
    deleters.put(ctx.provider().name(), ctx.provider()::delete);
    after.forEach(a -> deleters.putAll(a.deleters()));
    Cleanup cleanup = new Cleanup(ctx.gate(), deleters, ctx.progress());
    List<Cleanup.Leftover> left = cleanup.run();
    if (left.isEmpty()) {
      ctx.journal().outcome("failed-cleaned", reason);
    } else {
      ctx.journal().outcome("failed-leftovers", reason);
      for (Cleanup.Leftover l : left) {
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
    }
  }

  private ProvisionReport report() {
    return new ProvisionReport(
        cluster(),
        ctx.provider().name(),
        dryRun ? "planned" : "provisioned",
        server == null ? null : server.id(),
        hostname(),
        ipv4,
        offer == null ? null : offer.plan(),
        offer == null ? null : offer.site(),
        offer == null ? null : offer.hourlyPrice(),
        offer == null ? null : offer.currency(),
        ctx.settings().get(SettingsCatalogue.TALOS_VERSION).orElse(null),
        talos == null || dryRun ? null : ctx.files().talosconfig(),
        talos == null || dryRun ? null : ctx.files().kubeconfig(),
        rendered.isEmpty() ? null : ctx.files().renderedDir(),
        List.copyOf(planned),
        List.copyOf(notes),
        after.stream().flatMap(a -> a.reportLines().stream()).toList());
  }
}
