package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.LoopbackAllocator;
import dev.ironkube.sim.MachineRegistry;
import dev.ironkube.sim.SimDisk;
import dev.ironkube.sim.SimEvents;
import dev.ironkube.sim.SimMachine;
import dev.ironkube.sim.TimeModel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code /servers}: create (validation, stock, iPXE), list with filters, get, delete. A created
 * server gets a machine with its own loopback address, shown as {@code primary_ipv4} at once as the
 * real 201 does, and a status timeline; an iPXE server boots Talos part-way through it.
 */
final class ServerRoutes {
  private static final Set<String> BILLING = Set.of("hourly", "monthly", "yearly");

  private final LatitudeState state;
  private final Ids ids;
  private final MachineRegistry machines;
  private final LoopbackAllocator addresses;
  private final TimeModel time;
  private final ScheduledExecutorService scheduler;
  private final LongSupplier nanoClock;
  private final SimEvents events;

  ServerRoutes(
      LatitudeState state,
      Ids ids,
      MachineRegistry machines,
      LoopbackAllocator addresses,
      TimeModel time,
      ScheduledExecutorService scheduler,
      LongSupplier nanoClock,
      SimEvents events) {
    this.events = events;
    this.state = state;
    this.ids = ids;
    this.machines = machines;
    this.addresses = addresses;
    this.time = time;
    this.scheduler = scheduler;
    this.nanoClock = nanoClock;
  }

  Reply create(LatitudeRequest request) {
    JsonNode body = request.json();
    if (body == null) {
      return Reply.of(400, JsonApi.error("BAD_REQUEST", "400", "Bad Request", "invalid JSON"));
    }
    ObjectNode attributes = JsonApi.attributes(body);
    for (String required : List.of("project", "plan", "site", "operating_system", "hostname")) {
      if (JsonApi.text(attributes, required) == null) {
        return JsonApi.mustBeFilled(required);
      }
    }
    ProjectRecord project = state.project(JsonApi.text(attributes, "project")).orElse(null);
    if (project == null) {
      return JsonApi.notFound();
    }
    Plan plan = PlanCatalogue.bySlug(JsonApi.text(attributes, "plan")).orElse(null);
    if (plan == null) {
      return JsonApi.invalid("plan", "plan is not a valid plan");
    }
    Site site = Site.bySlug(JsonApi.text(attributes, "site")).orElse(null);
    if (site == null) {
      return JsonApi.invalid("site", "site is not a valid site");
    }
    OperatingSystem os =
        OperatingSystem.bySlug(JsonApi.text(attributes, "operating_system")).orElse(null);
    if (os == null) {
      return JsonApi.invalid("operating_system", "operating_system is not a valid slug");
    }
    if (os.ipxe() && JsonApi.text(attributes, "ipxe") == null) {
      return JsonApi.mustBeFilled("ipxe");
    }
    if (!os.provisionableOn(plan)) {
      return JsonApi.invalid(
          "operating_system", os.slug() + " is not provisionable on plan " + plan.name());
    }
    String billing = JsonApi.text(attributes, "billing");
    if (billing != null && !BILLING.contains(billing)) {
      return JsonApi.invalid("billing", "billing must be one of: hourly, monthly, yearly");
    }
    if (!plan.inStockAt(site.slug()) || request.faulted("out-of-stock")) {
      return outOfStock(plan, site);
    }
    SimServer server =
        order(request, project, plan, site, os, billing == null ? "hourly" : billing);
    if (request.faulted("lost-response")) {
      return Reply.drop();
    }
    return Reply.of(201, JsonApi.single(ServerJson.created(server)));
  }

  /**
   * No recording shows a refused order; the fake answers 422 with the {@code INSUFFICIENT_STOCK}
   * code the spec documents for Kubernetes clusters, in the classic error shape.
   */
  private static Reply outOfStock(Plan plan, Site site) {
    return Reply.of(
        422,
        JsonApi.error(
            "INSUFFICIENT_STOCK",
            "422",
            "Insufficient Stock",
            "No stock available of plan " + plan.slug() + " at site " + site.slug() + "."));
  }

  private SimServer order(
      LatitudeRequest request,
      ProjectRecord project,
      Plan plan,
      Site site,
      OperatingSystem os,
      String billing) {
    String id = ids.next("sv");
    String hostname = JsonApi.text(JsonApi.attributes(request.json()), "hostname");
    SimMachine machine =
        new SimMachine(
            id,
            hostname,
            addresses.next(),
            SimDisk.typical(),
            plan.slug(),
            site.slug(),
            JsonApi.text(JsonApi.attributes(request.json()), "ipxe"));
    ServerTimeline.Outcome outcome =
        request.faulted("stuck")
            ? ServerTimeline.Outcome.STUCK
            : request.faulted("failed-deployment")
                ? ServerTimeline.Outcome.FAILED
                : ServerTimeline.Outcome.NORMAL;
    Duration starting = time.duration(LatitudeApi.STEP_STARTING_DEPLOY, Duration.ofSeconds(30));
    Duration deploy = time.duration(LatitudeApi.STEP_DEPLOY, Duration.ofMinutes(5));
    Duration talosBoot = time.duration(LatitudeApi.STEP_TALOS_BOOT, Duration.ofMinutes(2));
    Duration lag = time.duration(LatitudeApi.STEP_IPXE_STATUS_LAG, Duration.ofMinutes(3));
    long createdAt = nanoClock.getAsLong();
    ServerTimeline timeline =
        ServerTimeline.of(outcome, os.ipxe(), starting, deploy, talosBoot, lag, createdAt);
    events.recordAt(SimEvents.SERVER_CREATED, id, createdAt);
    if (outcome == ServerTimeline.Outcome.NORMAL) {
      long on = starting.plus(deploy).toNanos();
      on += os.ipxe() ? talosBoot.plus(lag).toNanos() : 0;
      events.recordAt(SimEvents.PROVIDER_ON, id, createdAt + on);
    }
    String label = ids.hex(10).toUpperCase();
    SimServer server =
        new SimServer(id, hostname, project, plan, site, os, billing, label, machine, timeline);
    state.servers.put(id, server);
    machines.add(machine);
    long deployed = starting.plus(deploy).toNanos();
    if (outcome == ServerTimeline.Outcome.NORMAL && os.ipxe()) {
      long booted = deployed + talosBoot.toNanos();
      server.boot =
          scheduler.schedule(() -> machines.talosBooted(machine), booted, TimeUnit.NANOSECONDS);
    } else if (outcome == ServerTimeline.Outcome.FAILED) {
      server.boot =
          scheduler.schedule(() -> machines.failed(machine), deployed, TimeUnit.NANOSECONDS);
    }
    return server;
  }

  Reply list(LatitudeRequest request) {
    Page page = Page.of(request.query());
    if (page == null) {
      return JsonApi.invalid("page", "page parameters must be positive integers");
    }
    String projectFilter = request.filter("project");
    String projectId =
        projectFilter == null
            ? null
            : state.project(projectFilter).map(ProjectRecord::id).orElse(projectFilter);
    String hostname = request.filter("hostname");
    String region = request.filter("region");
    String plan = request.filter("plan");
    String status = request.filter("status");
    long now = nanoClock.getAsLong();
    List<SimServer> matching =
        state.servers(
            s ->
                (projectId == null || s.project.id().equals(projectId))
                    && (hostname == null || s.hostname.equals(hostname))
                    && (region == null || s.site.slug().equalsIgnoreCase(region))
                    && (plan == null || s.plan.slug().equals(plan) || s.plan.name().equals(plan))
                    && (status == null || s.timeline.actual(now).equals(status)));
    boolean stale = request.faulted("stale-status");
    List<ObjectNode> items =
        page.slice(matching).stream()
            .map(
                s -> ServerJson.full(s, s.timeline.observe(now, stale), state.serversIn(s.project)))
            .toList();
    return Reply.of(200, JsonApi.list(items));
  }

  Reply get(LatitudeRequest request) {
    SimServer server = state.servers.get(request.pathId());
    if (server == null) {
      return JsonApi.notFound();
    }
    String status = server.timeline.observe(nanoClock.getAsLong(), request.faulted("stale-status"));
    return Reply.of(
        200, JsonApi.single(ServerJson.full(server, status, state.serversIn(server.project))));
  }

  Reply delete(LatitudeRequest request) {
    SimServer server = state.servers.remove(request.pathId());
    if (server == null) {
      return JsonApi.notFound();
    }
    if (server.boot != null) {
      server.boot.cancel(false);
    }
    // A deleted server is behind no firewall any more.
    state.assignments.values().removeIf(a -> a.serverId().equals(server.id));
    machines.deleted(server.machine);
    return Reply.noContent();
  }
}
