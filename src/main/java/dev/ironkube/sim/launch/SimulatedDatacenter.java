package dev.ironkube.sim.launch;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.LoopbackAllocator;
import dev.ironkube.sim.MachineListener;
import dev.ironkube.sim.MachineRegistry;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.SimEvents;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.cloudflare.CloudflareApi;
import dev.ironkube.sim.cloudflare.CloudflareOptions;
import dev.ironkube.sim.dns.SimulatedResolver;
import dev.ironkube.sim.echo.EchoIpApi;
import dev.ironkube.sim.factory.ImageFactoryApi;
import dev.ironkube.sim.infisical.InfisicalApi;
import dev.ironkube.sim.infisical.InfisicalOptions;
import dev.ironkube.sim.latitude.LatitudeApi;
import dev.ironkube.sim.latitude.LatitudeOptions;
import dev.ironkube.sim.platform.ManifestMirror;
import dev.ironkube.sim.scaleway.ScalewayApi;
import dev.ironkube.sim.scaleway.ScalewayOptions;
import dev.ironkube.sim.teleport.TeleportAuthFake;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The simulated datacenter, in process: one plain-HTTP server per faked API on 127.0.0.1 with an
 * ephemeral port, a registry of simulated machines each on its own loopback address, the shared
 * request log, and the time model and faults every fake consults.
 *
 * <pre>{@code
 * try (SimulatedDatacenter dc = SimulatedDatacenter.builder()
 *     .timeModel(TimeModel.instant()).faults(Faults.none()).build().start()) {
 *   dc.machines().addListener(talosNodes);
 *   client(dc.latitudeUrl(), SimulatedDatacenter.LATITUDE_TEST_KEY) ...
 * }
 * }</pre>
 *
 * The {@code ironkube sim} command runs it standalone: {@link #start()}, print {@link #describe()},
 * then {@link #awaitClose()} until interrupted.
 */
public final class SimulatedDatacenter implements AutoCloseable {
  /** The Latitude key the simulator accepts by default. */
  public static final String LATITUDE_TEST_KEY = LatitudeOptions.DEFAULT_TEST_KEY;

  /** The simulated Teleport cluster's name. */
  public static final String TELEPORT_CLUSTER = "teleport.sim.ironkube.test";

  private final TimeModel time;
  private final Faults faults;
  private final RequestLog log = new RequestLog();
  private final SimEvents events;
  private final MachineRegistry machines = new MachineRegistry();
  private final ScheduledExecutorService scheduler;
  private final LatitudeApi latitude;
  private final ImageFactoryApi factory;
  private final ScalewayApi scaleway;
  private final CloudflareApi cloudflare;
  private final Function<String, List<String>> resolver = name -> cloudflare().resolve(name);
  private final InfisicalApi infisical;

  /** Made on a thread of its own while the HTTP services start (see {@link #startTeleport}). */
  private final CompletableFuture<TeleportAuthFake> teleport;

  private final EchoIpApi echo;
  private final ManifestMirror mirror;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();
  private final List<MachineListener> listeners;

  private SimulatedDatacenter(Builder builder) {
    this.time = builder.time;
    this.faults = builder.faults;
    this.echo = new EchoIpApi(builder.faults);
    this.mirror = new ManifestMirror(builder.faults);
    this.events = builder.events;
    this.listeners = List.copyOf(builder.listeners);
    listeners.forEach(machines::addListener);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sim-datacenter-clock").factory());
    this.latitude =
        new LatitudeApi(
            builder.latitude, time, faults, machines, builder.addresses, scheduler, log, events);
    this.factory = new ImageFactoryApi(faults, log, builder.imageFactoryPort);
    this.scaleway =
        new ScalewayApi(builder.scaleway, time, faults, machines, builder.addresses, log);
    this.cloudflare = new CloudflareApi(CloudflareOptions.defaults(), time, faults, log);
    this.infisical = new InfisicalApi(InfisicalOptions.defaults(), time, faults, log);
    this.teleport = builder.teleport != null ? builder.teleport : startTeleport(time, faults);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts making the Teleport fake on a thread of its own: its PKI, TLS context and gRPC server
   * are most of a cold datacenter's start (about 0.9 s of a fresh JVM's 1.6 s, while the HTTP
   * services take 0.4 s), so the two overlap. {@link #start} waits for it.
   */
  public static CompletableFuture<TeleportAuthFake> startTeleport(TimeModel time, Faults faults) {
    return CompletableFuture.supplyAsync(
        () -> new TeleportAuthFake(TELEPORT_CLUSTER, time, faults, Clock.systemUTC()),
        r -> Thread.ofPlatform().daemon().name("sim-teleport-start").start(r));
  }

  /** Starts serving every API; returns this for chaining. */
  public SimulatedDatacenter start() {
    latitude.start();
    factory.start();
    scaleway.start();
    cloudflare.start();
    SimulatedResolver.add(resolver);
    infisical.start();
    echo.start();
    mirror.start();
    try {
      teleport();
    } catch (RuntimeException e) {
      close(); // the services already serving stop with it
      throw e;
    }
    return this;
  }

  public URI latitudeUrl() {
    return latitude.baseUri();
  }

  public URI imageFactoryUrl() {
    return factory.baseUri();
  }

  /** The PXE front of the Image Factory; the same server as {@link #imageFactoryUrl()}. */
  public URI scalewayUrl() {
    return scaleway.baseUri();
  }

  public ScalewayApi scaleway() {
    return scaleway;
  }

  public CloudflareApi cloudflare() {
    return cloudflare;
  }

  public InfisicalApi infisical() {
    return infisical;
  }

  /** The "what is my IP" services the operator's address is detected with. */
  public EchoIpApi echo() {
    return echo;
  }

  /** The platform's manifests laid out as an offline mirror (IRONKUBE_MANIFEST_MIRROR). */
  public URI manifestMirrorUrl() {
    return mirror.baseUri();
  }

  /** Teleport's Auth service behind its proxy, for the verify-then-lockdown phases. */
  public TeleportAuthFake teleport() {
    try {
      return teleport.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  public URI pxeUrl() {
    return factory.baseUri();
  }

  /** Every endpoint by name, in a stable order, for printing. */
  public Map<String, URI> endpoints() {
    Map<String, URI> endpoints = new LinkedHashMap<>();
    endpoints.put("latitude", latitudeUrl());
    endpoints.put("image-factory", imageFactoryUrl());
    endpoints.put("pxe", pxeUrl());
    endpoints.put("scaleway", scalewayUrl());
    endpoints.put("cloudflare", cloudflare.baseUri());
    endpoints.put("infisical", infisical.baseUri());
    endpoints.put("manifest-mirror", manifestMirrorUrl());
    return endpoints;
  }

  /** A few lines telling an operator where everything is and how to authenticate. */
  public String describe() {
    StringBuilder out =
        new StringBuilder("Simulated datacenter (time scale ").append(time.scale()).append(")\n");
    endpoints().forEach((name, uri) -> out.append(String.format("  %-14s %s%n", name, uri)));
    out.append("  latitude key   ").append(LATITUDE_TEST_KEY).append('\n');
    out.append("  machines       127.0.1.N, one per ordered server\n");
    return out.toString();
  }

  public LatitudeApi latitude() {
    return latitude;
  }

  public ImageFactoryApi imageFactory() {
    return factory;
  }

  public MachineRegistry machines() {
    return machines;
  }

  public RequestLog requests() {
    return log;
  }

  /** When modelled things happened, for the benchmark's detection-lag figures. */
  public SimEvents events() {
    return events;
  }

  public TimeModel timeModel() {
    return time;
  }

  public Faults faults() {
    return faults;
  }

  /** The listener of {@code type} registered when it was built (the Talos nodes), if any. */
  public <T> Optional<T> listener(Class<T> type) {
    return listeners.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /**
   * The standalone mode behind {@code ironkube sim}: starts a datacenter, prints where everything
   * is to {@code out}, and blocks until the thread is interrupted or the JVM shuts down.
   */
  public static void serve(Builder builder, PrintStream out) throws InterruptedException {
    try (SimulatedDatacenter dc = builder.build().start()) {
      Thread hook = new Thread(dc::close, "sim-datacenter-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      out.print(dc.describe());
      out.flush();
      try {
        dc.awaitClose();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The hook is running or ran already; nothing left to undo.
        }
      }
    }
  }

  /** Blocks until {@link #close()} is called or the thread is interrupted. */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    latitude.close();
    factory.close();
    scaleway.close();
    SimulatedResolver.remove(resolver);
    cloudflare.close();
    infisical.close();
    teleport.thenAccept(TeleportAuthFake::close);
    echo.close();
    mirror.close();
    scheduler.shutdownNow();
    // Listeners that own servers of their own (the Talos nodes) stop with the datacenter.
    for (MachineListener l : listeners) {
      if (l instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          // closing is best effort; the process may be ending anyway
        }
      }
    }
    closed.countDown();
  }

  /** Settings of a datacenter; every one has a default. */
  public static final class Builder {
    private TimeModel time = TimeModel.demo();
    private Faults faults = Faults.none();
    private LatitudeOptions latitude = LatitudeOptions.defaults();
    private ScalewayOptions scaleway = ScalewayOptions.defaults();
    private CompletableFuture<TeleportAuthFake> teleport;
    private LoopbackAllocator addresses = LoopbackAllocator.standard();
    private SimEvents events = new SimEvents();
    private final List<MachineListener> listeners = new ArrayList<>();
    private int imageFactoryPort;

    private Builder() {}

    /** The port the Image Factory serves on when it is free (0, the default: any). */
    public Builder imageFactoryPort(int port) {
      this.imageFactoryPort = port;
      return this;
    }

    public Builder timeModel(TimeModel model) {
      this.time = model;
      return this;
    }

    public Builder faults(Faults injected) {
      this.faults = injected;
      return this;
    }

    /**
     * The Teleport fake to serve (one whose agents are wired to the Kubernetes side), or one being
     * made ({@link #startTeleport}).
     */
    public Builder teleport(CompletableFuture<TeleportAuthFake> fake) {
      this.teleport = fake;
      return this;
    }

    public Builder scaleway(ScalewayOptions options) {
      this.scaleway = options;
      return this;
    }

    public Builder latitude(LatitudeOptions options) {
      this.latitude = options;
      return this;
    }

    /** Where machine addresses come from; the default starts at 127.0.1.1. */
    public Builder addresses(LoopbackAllocator allocator) {
      this.addresses = allocator;
      return this;
    }

    /** Where the fakes record events; share it with listeners that record too. */
    public Builder events(SimEvents recorder) {
      this.events = recorder;
      return this;
    }

    /** A listener registered before anything can boot, so it cannot miss an event. */
    public Builder listener(MachineListener listener) {
      listeners.add(listener);
      return this;
    }

    public SimulatedDatacenter build() {
      return new SimulatedDatacenter(this);
    }
  }
}
