package dev.ironkube.sim.scaleway;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.LoopbackAllocator;
import dev.ironkube.sim.MachineRegistry;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.SimMachine;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.http.SimHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The simulated Scaleway API (Elastic Metal v1 and IAM SSH keys): stateful, answering in the
 * shapes, status codes and status sequences of the recorded traffic in {@code
 * contracts/scaleway/recorded}. Authenticates by {@code X-Auth-Token} (wrong or missing: 401 {@code
 * denied_authentication}).
 *
 * <p>Endpoints, zones fr-par-1, fr-par-2, nl-ams-1, nl-ams-2, pl-waw-2, pl-waw-3: {@code GET
 * /baremetal/v1/zones/{zone}/offers}, {@code GET .../os}, {@code GET|POST .../servers}, {@code
 * GET|DELETE .../servers/{server_id}}; {@code GET|POST /iam/v1alpha1/ssh-keys}, {@code GET|DELETE
 * /iam/v1alpha1/ssh-keys/{ssh_key_id}}. Anything else is 404 {@code {"message":"Not Found"}}.
 *
 * <p>Timed steps (names for {@link TimeModel#override}; defaults in {@link ScalewayTimes}): {@value
 * #STEP_DELIVERY} 5 min ({@code ordered → ready}), {@value #STEP_INSTALL_START} 30 s ({@code
 * to_install → installing}), {@value #STEP_INSTALL} 8 min ({@code → completed}), {@value
 * #STEP_PIVOT} 2 min (the machine listeners hear {@code talosBooted} at its end, only when the user
 * data is a Talos pivot), {@value #STEP_DELETION} 6 s ({@code deleting}, then 404), {@value
 * #STEP_RATE_WINDOW} 1 s (the window of {@link ScalewayOptions#requestsPerWindow()}; over budget
 * answers the bare 429 below).
 *
 * <p>Faults, armed on {@link Faults} at points {@code "scaleway.<METHOD> <template>"} such as
 * {@code "scaleway.POST /baremetal/v1/zones/{zone}/servers"} or {@code "scaleway.GET
 * /iam/v1alpha1/ssh-keys"}; a point is consulted once per authenticated, routed request:
 *
 * <ul>
 *   <li>{@code http-500}, {@code http-503}: that status with a JSON {@code message}; nothing done.
 *   <li>{@code http-502}: Envoy's plain-text upstream error; nothing done.
 *   <li>{@code 429}: the gateway's bare rate-limit answer: no body, no Content-Type, no
 *       Retry-After, {@code X-Envoy-Ratelimited: true}; nothing done.
 *   <li>{@code reset}: the connection is closed unanswered; nothing done.
 *   <li>{@code timeout}: held for {@link ScalewayOptions#timeoutFaultDelay()}, then dropped.
 *   <li>{@code malformed}: performed, answered with a truncated JSON body.
 *   <li>{@code lost-response}: performed, then dropped; after a create the server exists and bills.
 *   <li>{@code out-of-stock} (create): 409 typed {@code out_of_stock}, as an {@code empty} offer.
 *   <li>{@code out-of-stock-later} (create): accepted, then status {@code out_of_stock}.
 *   <li>{@code delivery-failed} (create): accepted, then status {@code error}.
 *   <li>{@code install-failed} (create): delivered, then install status {@code error}.
 *   <li>{@code stuck} (create): delivered, install {@code installing} forever; Talos never boots.
 *   <li>{@code stale-status} (get/list servers): the read repeats the last answered status.
 * </ul>
 */
public final class ScalewayApi implements AutoCloseable {
  public static final String API = "scaleway";
  public static final String STEP_DELIVERY = "scaleway.delivery";
  public static final String STEP_INSTALL_START = "scaleway.install-start";
  public static final String STEP_INSTALL = "scaleway.install";
  public static final String STEP_PIVOT = "talos.cloud-init-pivot";
  public static final String STEP_DELETION = "scaleway.deletion";
  public static final String STEP_RATE_WINDOW = "scaleway.rate-limit-window";

  private static final String ZONE = "/baremetal/v1/zones/{zone}";
  private static final String SSH_KEYS = "/iam/v1alpha1/ssh-keys";

  private final ScalewayState state = new ScalewayState();
  private final ScheduledExecutorService scheduler;
  private final SimHttpServer server;
  private final LongSupplier nanoClock = System::nanoTime;
  private final MachineRegistry machines;
  private final LoopbackAllocator addresses;

  public ScalewayApi(
      ScalewayOptions options,
      TimeModel time,
      Faults faults,
      MachineRegistry machines,
      LoopbackAllocator addresses,
      RequestLog log) {
    this.machines = machines;
    this.addresses = addresses;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "scaleway-sim-timeline");
              thread.setDaemon(true);
              return thread;
            });
    ScwIds ids = new ScwIds(options.seed());
    ServerRoutes servers =
        new ServerRoutes(
            state,
            options,
            ids,
            machines,
            addresses,
            ScalewayTimes.from(time),
            scheduler,
            nanoClock);
    SshKeyRoutes keys = new SshKeyRoutes(state, options, ids);
    CatalogueRoutes catalogue = new CatalogueRoutes();
    List<ScwRoute> routes =
        List.of(
            new ScwRoute("GET", ZONE + "/offers", catalogue::offers),
            new ScwRoute("GET", ZONE + "/os", catalogue::operatingSystems),
            new ScwRoute("GET", ZONE + "/servers", servers::list),
            new ScwRoute("POST", ZONE + "/servers", servers::create),
            new ScwRoute("GET", ZONE + "/servers/{server_id}", servers::get),
            new ScwRoute("DELETE", ZONE + "/servers/{server_id}", servers::delete),
            new ScwRoute("GET", SSH_KEYS, keys::list),
            new ScwRoute("POST", SSH_KEYS, keys::create),
            new ScwRoute("GET", SSH_KEYS + "/{ssh_key_id}", keys::get),
            new ScwRoute("DELETE", SSH_KEYS + "/{ssh_key_id}", keys::delete));
    GatewayRateLimit limit =
        new GatewayRateLimit(
            options.requestsPerWindow(),
            time.duration(STEP_RATE_WINDOW, Duration.ofSeconds(1)).toNanos(),
            nanoClock);
    ScalewayGate gate = new ScalewayGate(routes, options, faults, limit, state, options.seed());
    this.server = new SimHttpServer(API, log, gate::handle);
  }

  public ScalewayApi start() {
    server.start();
    return this;
  }

  /** What SCW_API_URL should be set to. */
  public URI baseUri() {
    return server.baseUri();
  }

  /** Servers not yet purged after deletion, in creation order, with the status reached. */
  public List<ServerRecord> servers() {
    synchronized (state) {
      long now = nanoClock.getAsLong();
      return state.servers.values().stream()
          .map(
              s -> {
                ServerTimeline.Step step = s.timeline.actual(now);
                String status = s.deletedAtNanos >= 0 ? "deleting" : step.status();
                return new ServerRecord(
                    s.id, s.zone, s.name, s.offer.name(), s.tags, s.ipv4(), status, step.install());
              })
          .toList();
    }
  }

  public List<SshKeyRecord> sshKeys() {
    synchronized (state) {
      return List.copyOf(state.sshKeys.values());
    }
  }

  /** The account's whole state, for a datacenter that keeps it across a restart. */
  public ScalewaySnapshot snapshot() {
    synchronized (state) {
      return ScalewayRestore.snapshot(state);
    }
  }

  /**
   * Starts this (empty) account from {@code snapshot}: servers keep their ids, IP ids and machine
   * addresses; a machine that had booted Talos boots again into maintenance mode unless {@code
   * keptMachines} names it.
   *
   * @return the machines {@code keptMachines} named, not announced to listeners
   */
  public List<SimMachine> restore(ScalewaySnapshot snapshot, Set<String> keptMachines) {
    synchronized (state) {
      if (!state.servers.isEmpty() || !state.sshKeys.isEmpty()) {
        throw new IllegalStateException("restore into an account that holds something already");
      }
      return ScalewayRestore.restore(state, snapshot, machines, addresses, nanoClock, keptMachines);
    }
  }

  @Override
  public void close() {
    server.close();
    scheduler.shutdownNow();
  }
}
