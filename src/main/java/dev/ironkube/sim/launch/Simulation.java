package dev.ironkube.sim.launch;

import dev.ironkube.cli.CliEnvironment;
import dev.ironkube.cli.SimulatedBackend;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.settings.DurationParser;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.settings.Source;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.LoopbackAllocator;
import dev.ironkube.sim.SimEvents;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.cloudflare.CloudflareOptions;
import dev.ironkube.sim.infisical.InfisicalOptions;
import dev.ironkube.sim.scaleway.ScalewayOptions;
import dev.ironkube.sim.talos.TalosNodes;
import dev.ironkube.sim.teleport.SimulatedAgent;
import dev.ironkube.sim.teleport.TeleportAuthFake;
import dev.ironkube.store.SecureFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * `--simulate`: assembles the simulated datacenter (run in the background by {@code sim.daemon}, or
 * in process by tests and harnesses) and points every endpoint at it. The time model's scale comes
 * from IRONKUBE_SIM_SCALE (default 0.01: a 17-minute order takes about ten seconds); the tool's own
 * poll intervals are scaled alike, so its request budget per modelled minute is what it would be
 * against the real service.
 */
public final class Simulation {
  public static final String SCALE_ENV = "IRONKUBE_SIM_SCALE";
  static final String SEED_ENV = "IRONKUBE_SIM_SEED";

  /** The third octet machine addresses start at (127.0.N.1), for runs beside other simulators. */
  public static final String ADDRESS_BLOCK_ENV = "IRONKUBE_SIM_ADDRESS_BLOCK";

  static final double DEFAULT_SCALE = 0.01;

  /** Poll intervals scale with modelled time, so the request budget per modelled minute holds. */
  private static final List<String> SCALED_INTERVALS =
      List.of(
          SettingsCatalogue.PROVIDER_POLL,
          SettingsCatalogue.TALOS_POLL,
          SettingsCatalogue.PLATFORM_POLL,
          SettingsCatalogue.TELEPORT_POLL);

  /**
   * Timeouts scale too, but never below a floor: key generation and TLS handshakes take real time
   * that no time model shortens.
   */
  private static final List<String> SCALED_TIMEOUTS =
      List.of(
          SettingsCatalogue.TALOS_BOOT_TIMEOUT,
          SettingsCatalogue.BOOTSTRAP_TIMEOUT,
          SettingsCatalogue.PLATFORM_TIMEOUT,
          SettingsCatalogue.TELEPORT_TIMEOUT);

  private static final Duration TIMEOUT_FLOOR = Duration.ofSeconds(30);

  private Simulation() {}

  public static double scale(CliEnvironment env) {
    return scale(env.env());
  }

  /** The time scale {@value #SCALE_ENV} in {@code env} asks for, or the default. */
  public static double scale(Map<String, String> env) {
    String raw = env.get(SCALE_ENV);
    if (raw == null || raw.isBlank()) {
      return DEFAULT_SCALE;
    }
    try {
      double v = Double.parseDouble(raw);
      if (v >= 0 && v <= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserInputException(
        SCALE_ENV + "='" + raw + "' is not a time scale", "use a number from 0 to 1, such as 0.01");
  }

  /** What a simulated account holds that a real one would: the Scaleway project. */
  public static Settings accountDefaults(Settings s) {
    return s.isSet(SettingsCatalogue.SCALEWAY_PROJECT)
        ? s
        : s.with(
            SettingsCatalogue.SCALEWAY_PROJECT,
            ScalewayOptions.DEFAULT_PROJECT_ID,
            Source.SIMULATOR);
  }

  private static Settings scaled(Settings s, String path, double scale, Duration floor) {
    if (s.source(path).orElse(Source.DEFAULT) != Source.DEFAULT) {
      return s;
    }
    long millis = Math.max(floor.toMillis(), (long) (s.duration(path).toMillis() * scale));
    return s.with(path, DurationParser.format(Duration.ofMillis(millis)), Source.SIMULATOR);
  }

  static SimulatedDatacenter start(CliEnvironment env) {
    return start(env.env());
  }

  /**
   * A datacenter as the variables in {@code env} configure it (time scale, fault seed, address
   * block), started.
   */
  public static SimulatedDatacenter start(Map<String, String> env) {
    return configured(env).build().start();
  }

  /**
   * A builder with every fake wired, as the variables in {@code env} configure it (time scale,
   * fault seed, address block), for a caller that sets more before it builds.
   */
  public static SimulatedDatacenter.Builder configured(Map<String, String> env) {
    TimeModel time = new TimeModel(scale(env));
    long seed = Long.parseLong(env.getOrDefault(SEED_ENV, "1"));
    SimulatedDatacenter.Builder b = builder(time, new Faults(seed));
    String block = env.get(ADDRESS_BLOCK_ENV);
    if (block != null && !block.isBlank()) {
      // Simulators of other processes on the machine start at 127.0.1.1 too; while a node
      // reboots its port is free, and one of them may take the address.
      b.addresses(new LoopbackAllocator(Integer.parseInt(block.strip()), List.of(50000, 6443)));
    }
    return b;
  }

  /** The fault seed {@value #SEED_ENV} in {@code env} names, if it names one. */
  public static OptionalLong seed(Map<String, String> env) {
    String raw = env.get(SEED_ENV);
    return raw == null || raw.isBlank()
        ? OptionalLong.empty()
        : OptionalLong.of(Long.parseLong(raw.strip()));
  }

  /** The simulated datacenter with every fake wired, started. */
  public static SimulatedDatacenter create(TimeModel time, Faults faults) {
    return builder(time, faults).build().start();
  }

  /** A builder with every fake wired (the Talos nodes listen for booted machines). */
  public static SimulatedDatacenter.Builder builder(TimeModel time, Faults faults) {
    SimEvents events = new SimEvents();
    CompletableFuture<TeleportAuthFake> teleport = SimulatedDatacenter.startTeleport(time, faults);
    return SimulatedDatacenter.builder()
        .timeModel(time)
        .faults(faults)
        // Each process starts in its own 127.0.N.0/24 block, so simulators of concurrent
        // processes (a test run beside a demo) do not race for the same node addresses.
        .addresses(
            new LoopbackAllocator(
                2 + (int) (ProcessHandle.current().pid() % 250), List.of(50000, 6443)))
        .events(events)
        .teleport(teleport)
        .listener(
            new TalosNodes(time, faults, 50000, events)
                .onKubeObjectCreated(o -> SimulatedAgent.onObjectCreated(o, teleport.join())));
  }

  /**
   * A running datacenter as {@code --simulate} takes it from {@link CliEnvironment#simulator()}:
   * tests and the harnesses start one, run commands against it, and inspect it afterwards.
   */
  public static SimulatedBackend.Datacenter shared(SimulatedDatacenter sim) {
    return new RunningDatacenter(sim);
  }

  static Settings pointAt(Settings settings, SimulatedDatacenter sim, Path scratch) {
    return pointAt(
        settings,
        SimEndpoints.of(sim),
        () -> {
          // The simulator issues the identity a real run would read from tbot's output.
          Path identity = scratch.resolve("teleport-identity");
          SecureFiles.createPrivateDirectories(identity.getParent());
          return sim.teleport().writeIdentityFile(identity);
        });
  }

  /**
   * The settings pointed at the datacenter serving {@code sim}; {@code teleportIdentity} gives the
   * path of a Teleport identity it issued, asked only when the settings turn Teleport on.
   */
  public static Settings pointAt(
      Settings settings, SimEndpoints sim, Supplier<Path> teleportIdentity) {
    Settings s =
        settings
            .with(SettingsCatalogue.LATITUDE_URL, sim.latitude().toString(), Source.SIMULATOR)
            .with(
                SettingsCatalogue.IMAGE_FACTORY_URL,
                sim.imageFactory().toString(),
                Source.SIMULATOR)
            .with(SettingsCatalogue.PXE_URL, sim.pxe().toString(), Source.SIMULATOR);
    s = s.with(SettingsCatalogue.SCALEWAY_URL, sim.scaleway().toString(), Source.SIMULATOR);
    if (s.secret(SettingsCatalogue.SCALEWAY_SECRET_KEY).isEmpty()) {
      s =
          s.with(
              SettingsCatalogue.SCALEWAY_SECRET_KEY,
              ScalewayOptions.DEFAULT_SECRET_KEY,
              Source.SIMULATOR);
    }
    s = accountDefaults(s);
    // Integrations the settings turn on are served by the simulator, with its test credentials.
    if (s.isSet(SettingsCatalogue.DNS_NAME)) {
      s =
          s.with(SettingsCatalogue.CLOUDFLARE_URL, sim.cloudflare().toString(), Source.SIMULATOR)
              .with(SettingsCatalogue.DNS_ZONE, CloudflareOptions.DEFAULT_ZONE_ID, Source.SIMULATOR)
              .with(
                  SettingsCatalogue.CLOUDFLARE_TOKEN,
                  CloudflareOptions.DEFAULT_TEST_TOKEN,
                  Source.SIMULATOR);
    }
    if (s.isSet(SettingsCatalogue.INFISICAL_CLIENT_ID)) {
      s =
          s.with(SettingsCatalogue.INFISICAL_URL, sim.infisical().toString(), Source.SIMULATOR)
              .with(
                  SettingsCatalogue.INFISICAL_CLIENT_ID,
                  InfisicalOptions.DEFAULT_CLIENT_ID,
                  Source.SIMULATOR)
              .with(
                  SettingsCatalogue.INFISICAL_CLIENT_SECRET,
                  InfisicalOptions.DEFAULT_CLIENT_SECRET,
                  Source.SIMULATOR)
              .with(
                  SettingsCatalogue.INFISICAL_PROJECT,
                  InfisicalOptions.DEFAULT_PROJECT_ID,
                  Source.SIMULATOR);
    }
    if (s.isSet(SettingsCatalogue.TELEPORT_PROXY)) {
      Path identity = teleportIdentity.get();
      s =
          s.with(SettingsCatalogue.TELEPORT_PROXY, sim.teleportProxy(), Source.SIMULATOR)
              .with(SettingsCatalogue.TELEPORT_IDENTITY, identity.toString(), Source.SIMULATOR);
    }
    if (s.secret(SettingsCatalogue.LATITUDE_API_KEY).isEmpty()) {
      s =
          s.with(
              SettingsCatalogue.LATITUDE_API_KEY,
              SimulatedDatacenter.LATITUDE_TEST_KEY,
              Source.SIMULATOR);
    }
    // The operator's address is detected as in production, through the simulated echo services;
    // the first answers HTML, as a captive portal would, so the fallback is exercised every run.
    s =
        s.with(
            SettingsCatalogue.OPERATOR_IP_URLS,
            sim.echoPortal() + "," + sim.echoIp(),
            Source.SIMULATOR);
    double scale = sim.scale();
    for (String path : SCALED_INTERVALS) {
      s = scaled(s, path, scale, Duration.ofMillis(5));
    }
    for (String path : SCALED_TIMEOUTS) {
      s = scaled(s, path, scale, TIMEOUT_FLOOR);
    }
    // Every simulated port is on loopback: an open one hands its certificate back within
    // milliseconds, so half a second still tells an open port from a dropped one on a loaded
    // machine (the chaos harness's own outside check uses the same), and each locked-down node's
    // check costs that half second of silence.
    if (s.source(SettingsCatalogue.LOCKDOWN_PROBE_TIMEOUT).orElse(Source.DEFAULT)
        == Source.DEFAULT) {
      s = s.with(SettingsCatalogue.LOCKDOWN_PROBE_TIMEOUT, "500ms", Source.SIMULATOR);
    }
    return s;
  }
}
