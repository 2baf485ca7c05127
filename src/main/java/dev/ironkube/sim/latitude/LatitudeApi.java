package dev.ironkube.sim.latitude;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.LoopbackAllocator;
import dev.ironkube.sim.MachineRegistry;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.SimEvents;
import dev.ironkube.sim.SimMachine;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.http.SimHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The simulated Latitude.sh API: stateful, answering in the JSON:API shapes, status codes and
 * status sequences of the recorded traffic in {@code contracts/latitude/recorded}.
 *
 * <p>Endpoints: {@code GET /user/profile}; {@code GET /regions[/{id}]} (23 sites, paginated);
 * {@code GET /plans[/{id}]}; {@code GET /plans/operating_systems}; {@code GET|POST /projects},
 * {@code GET|DELETE /projects/{id}}; {@code GET|POST /ssh_keys}, {@code GET|DELETE /ssh_keys/{id}};
 * {@code GET|POST /servers}, {@code GET|DELETE /servers/{id}}; {@code GET|POST /firewalls}, {@code
 * GET|DELETE /firewalls/{id}}, {@code GET|POST /firewalls/{id}/assignments}, {@code DELETE
 * /firewalls/{id}/assignments/{assignment_id}} (a firewall is enforced on the machines of the
 * servers assigned to it, see {@link FirewallRoutes}). Anything else is 404 {@code not_found}. A
 * wrong or missing key is 401.
 *
 * <p>Timed steps (names for {@link TimeModel#override}, real-world defaults from reference/peers.md
 * §4): {@value #STEP_STARTING_DEPLOY} 30 s, {@value #STEP_DEPLOY} 5 min, {@value #STEP_TALOS_BOOT}
 * 2 min (iPXE only; the machine listeners hear {@code talosBooted} at its end), {@value
 * #STEP_IPXE_STATUS_LAG} 3 min (Latitude keeps saying {@code deploying} while Talos already runs),
 * {@value #STEP_RATE_WINDOW} 60 s.
 *
 * <p>Faults, armed on {@link Faults} at points {@code "latitude.<METHOD> <template>"} such as
 * {@code "latitude.POST /servers"} or {@code "latitude.GET /servers/{id}"}; a point is consulted
 * once per request that passed authentication and rate limiting. A {@code POST /servers} that no
 * rule at the plain point took also consults {@code "latitude.POST /servers@<hostname>"}, so that a
 * test can aim a fault at one server among orders sent in parallel:
 *
 * <ul>
 *   <li>{@code http-500}: 500 with a JSON:API error body; nothing is done.
 *   <li>{@code http-502}: 502 with Cloudflare's HTML page, as a proxy in front of the API answers.
 *   <li>{@code 429}: the documented rate-limit body with {@code meta.retry_after} (one window).
 *   <li>{@code 429-no-hint}: the same body with an empty {@code meta}.
 *   <li>{@code reset}: the connection is closed without an answer; nothing is done.
 *   <li>{@code timeout}: the request is held for {@link LatitudeOptions#timeoutFaultDelay()} (real
 *       time), then dropped unanswered; nothing is done.
 *   <li>{@code malformed}: the request is performed and answered with its status but a truncated,
 *       invalid JSON body.
 *   <li>{@code lost-response}: the request is performed, then the connection is dropped; after a
 *       {@code POST /servers} the server exists and is billed.
 *   <li>{@code out-of-stock} ({@code POST /servers}): 422 {@code INSUFFICIENT_STOCK}, as for a plan
 *       not in stock at the site.
 *   <li>{@code stuck} ({@code POST /servers}): created, but stays {@code deploying} forever and
 *       never boots Talos.
 *   <li>{@code failed-deployment} ({@code POST /servers}): created, then {@code deploying} → {@code
 *       failed_deployment} at the end of the deploy step; Talos never boots.
 *   <li>{@code stale-status} ({@code GET /servers/{id}}, {@code GET /servers}): the read answers
 *       the status it answered last time, without advancing; arm it with {@code times = n} to stay
 *       stale for n reads.
 * </ul>
 *
 * Route-specific kinds armed elsewhere are ignored; an unknown kind answers 500 naming it.
 */
public final class LatitudeApi implements AutoCloseable {
  public static final String API = "latitude";
  public static final String STEP_STARTING_DEPLOY = "latitude.starting-deploy";
  public static final String STEP_DEPLOY = "latitude.deploy";
  public static final String STEP_TALOS_BOOT = "talos.pxe-boot";
  public static final String STEP_IPXE_STATUS_LAG = "latitude.ipxe-status-lag";
  public static final String STEP_RATE_WINDOW = "latitude.rate-limit-window";

  private final LatitudeState state = new LatitudeState();
  private final SimHttpServer server;
  private final LongSupplier nanoClock = System::nanoTime;
  private final MachineRegistry machines;
  private final LoopbackAllocator addresses;

  public LatitudeApi(
      LatitudeOptions options,
      TimeModel time,
      Faults faults,
      MachineRegistry machines,
      LoopbackAllocator addresses,
      ScheduledExecutorService scheduler,
      RequestLog log) {
    this(options, time, faults, machines, addresses, scheduler, log, new SimEvents());
  }

  /** As above, recording when servers are created and turn on in {@code events}. */
  public LatitudeApi(
      LatitudeOptions options,
      TimeModel time,
      Faults faults,
      MachineRegistry machines,
      LoopbackAllocator addresses,
      ScheduledExecutorService scheduler,
      RequestLog log,
      SimEvents events) {
    this.machines = machines;
    this.addresses = addresses;
    Ids ids = new Ids(options.seed());
    RateLimiter limiter =
        new RateLimiter(
            options.readsPerMinute(),
            options.writesPerMinute(),
            options.rateLimits()
                ? time.duration(STEP_RATE_WINDOW, Duration.ofMinutes(1))
                : Duration.ZERO,
            nanoClock);
    ServerRoutes servers =
        new ServerRoutes(state, ids, machines, addresses, time, scheduler, nanoClock, events);
    ProjectRoutes projects = new ProjectRoutes(state, ids);
    SshKeyRoutes keys = new SshKeyRoutes(state, ids);
    FirewallRoutes firewalls = new FirewallRoutes(state, ids);
    CatalogueRoutes catalogue = new CatalogueRoutes();
    List<Route> routes =
        List.of(
            new Route("GET", "/user/profile", r -> catalogue.profile()),
            new Route("GET", "/regions", catalogue::regions),
            new Route("GET", "/regions/{id}", catalogue::region),
            new Route("GET", "/plans/operating_systems", catalogue::operatingSystems),
            new Route("GET", "/plans", catalogue::plans),
            new Route("GET", "/plans/{id}", catalogue::plan),
            new Route("GET", "/projects", projects::list),
            new Route("POST", "/projects", projects::create),
            new Route("GET", "/projects/{id}", projects::get),
            new Route("DELETE", "/projects/{id}", projects::delete),
            new Route("GET", "/ssh_keys", keys::list),
            new Route("POST", "/ssh_keys", keys::create),
            new Route("GET", "/ssh_keys/{id}", keys::get),
            new Route("DELETE", "/ssh_keys/{id}", keys::delete),
            new Route("GET", "/servers", servers::list),
            new Route("POST", "/servers", servers::create),
            new Route("GET", "/servers/{id}", servers::get),
            new Route("DELETE", "/servers/{id}", servers::delete),
            new Route("GET", "/firewalls", firewalls::list),
            new Route("POST", "/firewalls", firewalls::create),
            new Route("GET", "/firewalls/{id}", firewalls::get),
            new Route("DELETE", "/firewalls/{id}", firewalls::delete),
            new Route("GET", "/firewalls/{id}/assignments", firewalls::assignments),
            new Route("POST", "/firewalls/{id}/assignments", firewalls::assign),
            new Route(
                "DELETE", "/firewalls/{id}/assignments/{assignment_id}", firewalls::unassign));
    LatitudeGate gate = new LatitudeGate(routes, options, limiter, faults, state);
    this.server = new SimHttpServer(API, log, gate::handle);
  }

  public LatitudeApi start() {
    server.start();
    return this;
  }

  public URI baseUri() {
    return server.baseUri();
  }

  /** Live servers, in creation order, with the status their timeline has reached. */
  public List<ServerRecord> servers() {
    synchronized (state) {
      long now = nanoClock.getAsLong();
      return state.servers.values().stream().map(s -> s.snapshot(now)).toList();
    }
  }

  public List<ProjectRecord> projects() {
    synchronized (state) {
      return List.copyOf(state.projects.values());
    }
  }

  public List<FirewallRecord> firewalls() {
    synchronized (state) {
      return List.copyOf(state.firewalls.values());
    }
  }

  /** Which server is behind which firewall now. */
  public List<AssignmentRecord> firewallAssignments() {
    synchronized (state) {
      return List.copyOf(state.assignments.values());
    }
  }

  public List<SshKeyRecord> sshKeys() {
    synchronized (state) {
      return List.copyOf(state.sshKeys.values());
    }
  }

  /** The account's whole state, for a datacenter that keeps it across a restart. */
  public LatitudeSnapshot snapshot() {
    synchronized (state) {
      return LatitudeRestore.snapshot(state);
    }
  }

  /**
   * Starts this (empty) account from {@code snapshot}: servers keep their ids and machine
   * addresses; a machine that had booted Talos boots again into maintenance mode unless {@code
   * keptMachines} names it.
   *
   * @return the machines {@code keptMachines} named, in the registry, not announced to listeners
   */
  public List<SimMachine> restore(LatitudeSnapshot snapshot, Set<String> keptMachines) {
    synchronized (state) {
      if (!state.servers.isEmpty() || !state.projects.isEmpty()) {
        throw new IllegalStateException("restore into an account that holds something already");
      }
      return LatitudeRestore.restore(state, snapshot, machines, addresses, nanoClock, keptMachines);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
