package dev.ironkube.workflow.provision;

import dev.ironkube.provider.PlanOffer;
import java.util.List;

/** Turns what a finished run knows into the report the command prints. */
final class ReportBuilder {
  private ReportBuilder() {}

  static ProvisionReport build(
      ProvisionContext ctx,
      Roster roster,
      PreflightPhase preflight,
      TalosStage talos,
      List<AfterBootstrap> after,
      boolean dryRun) {
    Member cp = roster.first();
    PlanOffer offer = roster.offerOf(cp);
    List<ProvisionReport.NodeLine> nodes =
        roster.members.stream().map(m -> nodeLine(m, roster.offerOf(m))).toList();
    ClusterNodes built = roster.built;
    return new ProvisionReport(
        ctx.spec().name(),
        ctx.provider().name(),
        dryRun ? "planned" : "provisioned",
        cp.server == null ? null : cp.server.id(),
        cp.hostname,
        cp.ipv4,
        offer == null ? null : offer.plan(),
        offer == null ? null : offer.site(),
        offer == null ? null : PreflightPhase.totalHourly(roster.members, roster.offers),
        offer == null ? null : offer.currency(),
        ctx.spec().talosVersion().orElse(null),
        talos == null || dryRun ? null : ctx.files().talosconfig(),
        talos == null || dryRun ? null : ctx.files().kubeconfig(),
        roster.rendered.isEmpty() ? null : ctx.files().renderedDir(),
        List.copyOf(roster.planned),
        List.copyOf(roster.notes),
        after.stream().flatMap(a -> a.reportLines().stream()).toList(),
        endpoints(after),
        nodes,
        built == null ? null : "https://" + built.endpointHost() + ":6443",
        built == null ? null : built.endpointReason(),
        preflight.results());
  }

  private static Endpoints endpoints(List<AfterBootstrap> after) {
    Endpoints e = Endpoints.NONE;
    for (AfterBootstrap a : after) {
      e = a.endpoints(e);
    }
    return e;
  }

  private static ProvisionReport.NodeLine nodeLine(Member m, PlanOffer offer) {
    return new ProvisionReport.NodeLine(
        m.hostname,
        m.controlPlane() ? "controlplane" : "worker",
        m.pool.name(),
        m.server == null ? null : m.server.id(),
        m.ipv4,
        offer == null ? null : offer.plan(),
        offer == null ? null : offer.site());
  }
}
