package dev.ironkube.workflow.provision;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.provider.BareMetalProvider;
import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.PlanOffer;
import dev.ironkube.provider.Requirement;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.provider.Server;
import dev.ironkube.provider.ServerOrder;
import dev.ironkube.provider.TalosBoot;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orders the server and what it needs, never twice: a resource the journal already holds is reused;
 * a create whose result was never journaled (killed, or the response lost) is looked for by its
 * markers before anything is ordered again.
 */
final class OrderPhase {
  private final ProvisionContext ctx;

  OrderPhase(ProvisionContext ctx) {
    this.ctx = ctx;
  }

  List<ResourceRef> ensureRequirements(ClusterIdentity cluster) {
    BareMetalProvider provider = ctx.provider();
    List<ResourceRef> prepared = new ArrayList<>();
    for (Requirement req : provider.requirements(cluster)) {
      String label = req.kind().replace('_', ' ');
      Progress.Step step = ctx.progress().step("Creating " + label + " " + req.name());
      Optional<ResourceRef> owned = ownedByName(req.kind(), req.name());
      if (owned.isPresent()) {
        step.done("already created: " + owned.get().id());
        prepared.add(owned.get());
        continue;
      }
      Optional<ResourceRef> existing = provider.find(req);
      if (existing.isPresent()) {
        if (wasOurs(req.kind(), req.name())) {
          ctx.gate().adopt(provider.name(), existing.get());
        }
        step.done("reusing " + existing.get().id());
        prepared.add(existing.get());
        continue;
      }
      ResourceRef created =
          ctx.gate()
              .create(
                  provider.name(), req.kind(), req.name(), Map.of(), () -> provider.create(req));
      step.done(created.id());
      prepared.add(created);
    }
    return prepared;
  }

  ResourceRef orderServer(
      ClusterIdentity cluster,
      String hostname,
      PlanOffer offer,
      TalosBoot boot,
      List<ResourceRef> prepared) {
    BareMetalProvider provider = ctx.provider();
    Progress.Step step = ctx.progress().step("Ordering server " + hostname);
    Optional<ResourceRef> owned = ownedByName(ResourceRef.SERVER, hostname);
    if (owned.isPresent()) {
      step.done("already ordered: " + owned.get().id());
      return owned.get();
    }
    if (wasOurs(ResourceRef.SERVER, hostname)) {
      // An earlier run announced this order but never saw the answer: it may be billed already.
      Optional<ResourceRef> found =
          provider.discover(cluster).stream()
              .filter(r -> r.kind().equals(ResourceRef.SERVER) && r.name().equals(hostname))
              .findFirst();
      if (found.isPresent()) {
        ctx.gate().adopt(provider.name(), found.get());
        step.done("found the server an interrupted run ordered: " + found.get().id());
        return found.get();
      }
      ctx.journal().abandoned(provider.name(), ResourceRef.SERVER, hostname);
    }
    ServerOrder order = new ServerOrder(cluster, hostname, offer.plan(), offer.site(), boot);
    ResourceRef server;
    try {
      server =
          ctx.gate()
              .create(
                  provider.name(),
                  ResourceRef.SERVER,
                  hostname,
                  Map.of("plan", offer.plan(), "site", offer.site()),
                  () -> asRef(provider.order(order, prepared)));
    } catch (RemoteServiceException.Transient e) {
      // The answer was lost; the order may have gone through. Look before anyone orders again.
      Optional<ResourceRef> found =
          provider.discover(cluster).stream()
              .filter(r -> r.kind().equals(ResourceRef.SERVER) && r.name().equals(hostname))
              .findFirst();
      if (found.isEmpty()) {
        ctx.journal().abandoned(provider.name(), ResourceRef.SERVER, hostname);
        throw e;
      }
      ctx.gate().adopt(provider.name(), found.get());
      server = found.get();
    }
    step.done(server.id());
    return server;
  }

  private static ResourceRef asRef(Server s) {
    return new ResourceRef(ResourceRef.SERVER, s.id(), s.hostname());
  }

  private Optional<ResourceRef> ownedByName(String kind, String name) {
    return ctx.journal().owned().stream()
        .map(Journal.Owned::ref)
        .filter(r -> r.kind().equals(kind) && r.name().equals(name))
        .findFirst();
  }

  /** Whether an earlier run announced creating this and never saw the result. */
  private boolean wasOurs(String kind, String name) {
    return ctx.journal().unconfirmedCreates().stream()
        .anyMatch(e -> e.kind().equals(kind) && e.name().equals(name));
  }
}
