package dev.ironkube.workflow.provision;

import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.PlanOffer;
import java.util.ArrayList;
import java.util.List;

/**
 * `--dry-run`'s last phase: after every check passed, says what a real run would create or reuse,
 * and renders the Talos configs for documentation addresses, without ordering anything.
 */
final class DryRunPlan {
  private final ProvisionContext ctx;
  private final Roster roster;
  private final PreflightPhase preflight;
  private final MaintenanceFirewall firewall;
  private final TalosStage talos;

  DryRunPlan(
      ProvisionContext ctx,
      Roster roster,
      PreflightPhase preflight,
      MaintenanceFirewall firewall,
      TalosStage talos) {
    this.ctx = ctx;
    this.roster = roster;
    this.preflight = preflight;
    this.firewall = firewall;
    this.talos = talos;
  }

  void run() {
    ctx.progress().info("Checklist (every check passed, nothing was ordered):");
    for (Preflight.Result r : preflight.results()) {
      ctx.progress().info("  " + r.line());
    }
    ClusterIdentity id = ctx.spec().identity();
    for (var req : ctx.provider().requirements(id)) {
      boolean exists = ctx.provider().find(req).isPresent();
      roster.planned.add((exists ? "reuse " : "create ") + req.kind() + " " + req.name());
    }
    for (Member m : roster.members) {
      roster.planned.add(serverLine(m));
      roster.planned.addAll(firewall.plan(m.hostname));
    }
    if (talos != null) {
      renderPreview();
    }
    for (String line : roster.planned) {
      ctx.progress().info("would " + line);
    }
  }

  private String serverLine(Member m) {
    PlanOffer offer = roster.offerOf(m);
    return "create server "
        + m.hostname
        + (roster.single() ? "" : " (" + (m.controlPlane() ? "control plane" : "worker") + ")")
        + " ("
        + offer.plan()
        + " at "
        + offer.site()
        + ", "
        + HardwareSelection.price(offer)
        + ", "
        + ctx.spec().billing()
        + " billing) booting "
        + preflight.boot().pxeUrl();
  }

  private void renderPreview() {
    List<TalosStage.Node> previewNodes = new ArrayList<>();
    for (int i = 0; i < roster.members.size(); i++) {
      Member m = roster.members.get(i);
      previewNodes.add(
          new TalosStage.Node(m.hostname, "192.0.2." + (10 + i), "planned", m.controlPlane()));
    }
    roster.rendered.addAll(talos.preview(ctx.files().renderedDir(), roster.preview(previewNodes)));
    roster.notes.add(
        "rendered configs use 192.0.2.10"
            + (roster.single() ? "" : " and up")
            + " for the servers and, unless spec.access.operatorCidrs is set, 198.51.100.10 for"
            + " you (documentation addresses); they hold secrets (0600)");
  }
}
