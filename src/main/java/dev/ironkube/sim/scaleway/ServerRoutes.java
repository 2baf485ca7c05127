package dev.ironkube.sim.scaleway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.LoopbackAllocator;
import dev.ironkube.sim.MachineRegistry;
import dev.ironkube.sim.SimDisk;
import dev.ironkube.sim.SimMachine;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code /baremetal/v1/zones/{zone}/servers}: create (validated as the real service does, with
 * install and user data), list (by project, tags, name), get, delete ({@code deleting}, then 404).
 * A created server gets a machine with its own loopback address and a status timeline; a server
 * whose user data is a Talos pivot boots Talos a while after its install completes.
 */
final class ServerRoutes {
  private final ScalewayState state;
  private final ScalewayOptions options;
  private final ScwIds ids;
  private final MachineRegistry machines;
  private final LoopbackAllocator addresses;
  private final ScalewayTimes times;
  private final ScheduledExecutorService scheduler;
  private final LongSupplier nanoClock;

  ServerRoutes(
      ScalewayState state,
      ScalewayOptions options,
      ScwIds ids,
      MachineRegistry machines,
      LoopbackAllocator addresses,
      ScalewayTimes times,
      ScheduledExecutorService scheduler,
      LongSupplier nanoClock) {
    this.state = state;
    this.options = options;
    this.ids = ids;
    this.machines = machines;
    this.addresses = addresses;
    this.times = times;
    this.scheduler = scheduler;
    this.nanoClock = nanoClock;
  }

  ScwReply create(ScwRequest request) {
    String zone = request.param("zone");
    if (!OfferCatalogue.ZONES.contains(zone)) {
      return CatalogueRoutes.unknownZone();
    }
    JsonNode body = request.json();
    if (body == null || !body.isObject()) {
      return ScwJson.invalid("body", "format", "the body must be a JSON object");
    }
    ScwReply invalid = new CreateValidation(state, options).check(zone, body);
    if (invalid != null) {
      return invalid;
    }
    OfferCatalogue.Spec offer = OfferCatalogue.byId(zone, ScwJson.text(body, "offer_id")).get();
    if ("empty".equals(offer.stockByZone().get(zone)) || request.faulted("out-of-stock")) {
      return ScwJson.outOfStock();
    }
    SimServer server = order(request, zone, body, offer);
    if (request.faulted("lost-response")) {
      return ScwReply.drop();
    }
    return ScwReply.ok(json(server, server.timeline.initial(), false));
  }

  private SimServer order(
      ScwRequest request, String zone, JsonNode body, OfferCatalogue.Spec offer) {
    JsonNode install = body.path("install");
    boolean installing = install.isObject();
    OsCatalogue.Os os =
        installing ? OsCatalogue.byId(ScwJson.text(install, "os_id")).orElseThrow() : null;
    String id = ids.uuid();
    String hostname = ScwJson.text(install, "hostname");
    SimMachine machine =
        new SimMachine(
            id,
            hostname == null || hostname.isEmpty() ? ScwJson.text(body, "name") : hostname,
            addresses.next(),
            SimDisk.typical(),
            offer.name(),
            zone,
            PivotDetector.imageUrl(ScwJson.text(body, "user_data")));
    ServerTimeline.Outcome outcome = outcome(request);
    ServerTimeline timeline =
        installing
            ? ServerTimeline.of(
                outcome,
                times.delivery(),
                times.installStart(),
                times.install(),
                nanoClock.getAsLong())
            : ServerTimeline.withoutInstall(outcome, times.delivery(), nanoClock.getAsLong());
    SimServer server =
        new SimServer(
            id,
            zone,
            body,
            offer,
            os,
            ServerJson.strings(install.get("ssh_key_ids")),
            machine,
            timeline,
            ids);
    state.servers.put(id, server);
    machines.add(machine);
    long completed = timeline.completedAtNanos();
    if (completed >= 0 && PivotDetector.isTalosPivot(server.userData)) {
      long booted = completed + times.pivot().toNanos();
      server.pivot =
          scheduler.schedule(() -> machines.talosBooted(machine), booted, TimeUnit.NANOSECONDS);
    } else if (outcome != ServerTimeline.Outcome.NORMAL
        && outcome != ServerTimeline.Outcome.STUCK) {
      long failedAt = timeline.actual(Long.MAX_VALUE).atNanos();
      server.pivot =
          scheduler.schedule(() -> machines.failed(machine), failedAt, TimeUnit.NANOSECONDS);
    }
    return server;
  }

  private static ServerTimeline.Outcome outcome(ScwRequest request) {
    if (request.faulted("stuck")) {
      return ServerTimeline.Outcome.STUCK;
    }
    if (request.faulted("install-failed")) {
      return ServerTimeline.Outcome.INSTALL_FAILED;
    }
    if (request.faulted("delivery-failed")) {
      return ServerTimeline.Outcome.DELIVERY_FAILED;
    }
    if (request.faulted("out-of-stock-later")) {
      return ServerTimeline.Outcome.OUT_OF_STOCK;
    }
    return ServerTimeline.Outcome.NORMAL;
  }

  ScwReply list(ScwRequest request) {
    String zone = request.param("zone");
    if (!OfferCatalogue.ZONES.contains(zone)) {
      return CatalogueRoutes.unknownZone();
    }
    ScwPage page = ScwPage.of(request, 50);
    if (page == null) {
      return ScwPage.invalid();
    }
    purgeDeleted();
    String project = request.query("project_id");
    if (project != null && !project.equals(options.projectId())) {
      return ScwJson.permissionDenied("server", "read");
    }
    List<String> tags = request.queryAll("tags");
    String name = request.query("name");
    boolean stale = request.faulted("stale-status");
    long now = nanoClock.getAsLong();
    List<ObjectNode> all = new ArrayList<>();
    for (SimServer s : state.servers.values()) {
      if (s.zone.equals(zone)
          && s.tags.containsAll(tags)
          && (name == null || s.name.contains(name))) {
        all.add(json(s, s.timeline.observe(now, stale), true));
      }
    }
    return ScwReply.ok(ScwJson.list("servers", page.slice(all), all.size()));
  }

  ScwReply get(ScwRequest request) {
    purgeDeleted();
    SimServer server = state.servers.get(request.param("server_id"));
    if (server == null || !server.zone.equals(request.param("zone"))) {
      return ScwJson.baremetalNotFound();
    }
    ServerTimeline.Step step =
        server.timeline.observe(nanoClock.getAsLong(), request.faulted("stale-status"));
    return ScwReply.ok(json(server, step, true));
  }

  ScwReply delete(ScwRequest request) {
    purgeDeleted();
    SimServer server = state.servers.get(request.param("server_id"));
    if (server == null || !server.zone.equals(request.param("zone"))) {
      return ScwJson.baremetalNotFound();
    }
    if (server.deletedAtNanos < 0) {
      server.deletedAtNanos = nanoClock.getAsLong();
      if (server.pivot != null) {
        server.pivot.cancel(false);
      }
      machines.deleted(server.machine);
    }
    return ScwReply.ok(json(server, server.timeline.actual(nanoClock.getAsLong()), true));
  }

  private ObjectNode json(SimServer server, ServerTimeline.Step step, boolean withIps) {
    ServerTimeline.Step shown =
        server.deletedAtNanos >= 0
            ? new ServerTimeline.Step("deleting", step.install(), step.atNanos())
            : step;
    return ServerJson.of(server, shown, withIps, options.organizationId(), options.projectId());
  }

  /** A deleted server answers {@code deleting} for the deletion step, then 404. */
  private void purgeDeleted() {
    long now = nanoClock.getAsLong();
    long takes = times.deletion().toNanos();
    Iterator<SimServer> it = state.servers.values().iterator();
    while (it.hasNext()) {
      SimServer s = it.next();
      if (s.deletedAtNanos >= 0 && now - s.deletedAtNanos >= takes) {
        it.remove();
      }
    }
  }
}
