package dev.ironkube.cli;

import dev.ironkube.dns.DnsProvider;
import dev.ironkube.dns.cloudflare.CloudflareDns;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.http.JsonHttp;
import dev.ironkube.http.JsonHttpBuilder;
import dev.ironkube.http.RequestLogEntry;
import dev.ironkube.http.RequestStats;
import dev.ironkube.provider.BareMetalProvider;
import dev.ironkube.provider.TalosBoot;
import dev.ironkube.provider.latitude.LatitudeClient;
import dev.ironkube.provider.latitude.LatitudeProvider;
import dev.ironkube.provider.scaleway.ScalewayProvider;
import dev.ironkube.secrets.infisical.InfisicalSecrets;
import dev.ironkube.settings.Secret;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.settings.Source;
import dev.ironkube.store.CredentialStore;
import dev.ironkube.talos.factory.ImageFactoryClient;
import dev.ironkube.talos.factory.ImageFactoryUrls;
import dev.ironkube.talos.factory.Schematic;
import dev.ironkube.time.Sleeper;
import dev.ironkube.workflow.Prompter;
import dev.ironkube.workflow.provision.ImageSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The composition root of one command: builds the clients its settings call for, against the real
 * services or the embedded simulated datacenter, and closes them afterwards.
 */
final class Connections implements AutoCloseable {
  private final Settings settings;
  private final SimulatedBackend.Datacenter sim;
  private final RequestStats stats = new RequestStats();
  private final CliEnvironment env;
  private final Sleeper sleeper;
  private final Consumer<RequestLogEntry> requestLog;

  /** Every transport built for this run, closed with it: see {@link JsonHttp#close}. */
  private final Queue<JsonHttp> transports;

  private BareMetalProvider provider;
  private Runnable offerToStore = () -> {};
  private Runnable offerToStoreTyped = () -> {};
  private boolean ownsSim;
  private Secret providerSecret;

  private Connections(
      Settings settings,
      SimulatedBackend.Datacenter sim,
      CliEnvironment env,
      Sleeper sleeper,
      Consumer<RequestLogEntry> requestLog,
      Queue<JsonHttp> transports) {
    this.settings = settings;
    this.transports = transports;
    this.requestLog = requestLog;
    this.sim = sim;
    this.env = env;
    this.sleeper = sleeper;
  }

  /**
   * Starts the simulator when asked and points the settings at it; every request any client makes
   * is also given to {@code requestLog} (the --verbose log).
   */
  static Connections open(
      CliEnvironment env,
      Settings settings,
      boolean simulate,
      Sleeper sleeper,
      Consumer<RequestLogEntry> requestLog) {
    // Clients may be built from the workflow's worker threads.
    Queue<JsonHttp> transports = new ConcurrentLinkedQueue<>();
    UnaryOperator<JsonHttpBuilder> early =
        b ->
            b.sleeper(sleeper)
                .clock(env.clock())
                .random(new Random())
                .listener(requestLog)
                .owner(transports::add);
    if (!simulate) {
      try {
        return new Connections(
            SecretStoreBackfill.apply(settings, env, early),
            null,
            env,
            sleeper,
            requestLog,
            transports);
      } catch (RuntimeException e) {
        closeAll(transports);
        throw e;
      }
    }
    boolean shared = env.simulator() != null;
    SimulatedBackend.Datacenter sim =
        shared ? env.simulator() : SimulatedBackend.require().start(env);
    try {
      Path scratch = SettingsResolution.home(env).root().resolve("sim");
      Settings pointed =
          sim.pointAt(SimulatedCredentials.withoutOutsideCredentials(settings), scratch);
      // The secret store may turn on an integration (a DNS name, say): point that one too.
      Settings filled = sim.pointAt(SecretStoreBackfill.apply(pointed, env, early), scratch);
      String notice = SimulatedCredentials.notice(SimulatedCredentials.ignored(settings, filled));
      if (notice != null) {
        env.err().println("ironkube: " + notice);
      }
      Connections c = new Connections(filled, sim, env, sleeper, requestLog, transports);
      c.ownsSim = !shared;
      return c;
    } catch (RuntimeException e) {
      closeAll(transports);
      if (!shared) {
        sim.close();
      }
      throw e;
    }
  }

  Settings settings() {
    return settings;
  }

  Optional<SimulatedBackend.Datacenter> sim() {
    return Optional.ofNullable(sim);
  }

  /** The run's request log (--verbose), for clients not built on JsonHttp (Teleport's gRPC). */
  Consumer<RequestLogEntry> requestLog() {
    return requestLog;
  }

  RequestStats requestStats() {
    return stats;
  }

  /** The secret a provider needs: where it lives in the settings and how to ask for it. */
  private record Credential(String path, String what, String prompt, String hint) {}

  private static final Credential LATITUDE =
      new Credential(
          SettingsCatalogue.LATITUDE_API_KEY,
          "Latitude.sh API key",
          "Latitude.sh API key (create one at https://www.latitude.sh/dashboard/api)",
          "set LATITUDE_API_KEY, pass --api-key, or run in a terminal to be asked;"
              + " create a key at https://www.latitude.sh/dashboard/api");

  private static final Credential SCALEWAY =
      new Credential(
          SettingsCatalogue.SCALEWAY_SECRET_KEY,
          "Scaleway secret key",
          "Scaleway secret key (IAM > API keys in the console)",
          "set SCW_SECRET_KEY (with SCW_ACCESS_KEY and SCW_DEFAULT_PROJECT_ID), pass --api-key,"
              + " or run in a terminal to be asked");

  /** The provider's client, asking for its key when it is nowhere else. */
  BareMetalProvider provider(Prompter prompter, Supplier<String> sshPublicKey) {
    if (provider != null) {
      return provider;
    }
    if ("scaleway".equals(settings.provider())) {
      Secret secret = credential(SCALEWAY, prompter);
      provider =
          ScalewayProvider.create(
              settings.get(SettingsCatalogue.SCALEWAY_ACCESS_KEY).orElse(null),
              secret,
              settings.require(SettingsCatalogue.SCALEWAY_PROJECT),
              settings.require(SettingsCatalogue.SCALEWAY_ZONE),
              settings.uri(SettingsCatalogue.SCALEWAY_URL),
              this::instrument,
              sshPublicKey);
      return provider;
    }
    Secret key = credential(LATITUDE, prompter);
    JsonHttp http =
        instrument(LatitudeClient.transport(settings.uri(SettingsCatalogue.LATITUDE_URL), key))
            .build();
    provider = new LatitudeProvider(new LatitudeClient(http), sshPublicKey);
    return provider;
  }

  /** Every client's transport shares the run's clock, sleeper and request statistics. */
  private JsonHttpBuilder instrument(JsonHttpBuilder builder) {
    return builder
        .sleeper(sleeper)
        .clock(env.clock())
        .random(new Random())
        .listener(stats)
        .listener(requestLog)
        .owner(transports::add);
  }

  /** The Infisical store the settings configure, on the same instrumented transport. */
  Optional<InfisicalSecrets> secretStore() {
    return SecretStoreBackfill.connect(settings, env, this::instrument);
  }

  /** After the key proved valid: offers to keep a typed-in or environment key in the store. */
  Runnable offerToStoreKey() {
    return () -> offerToStore.run();
  }

  /**
   * For a read command, after the provider answered a call made with the key: offers to keep a key
   * typed at the prompt. A key from the environment or a flag is only offered by provision, so a
   * listing does not ask every time.
   */
  Runnable offerToStoreTypedKey() {
    return () -> offerToStoreTyped.run();
  }

  /** The provider credential the run resolved (for the platform's Vault copy), once known. */
  Optional<Secret> providerSecret() {
    return Optional.ofNullable(providerSecret);
  }

  private Secret credential(Credential c, Prompter prompter) {
    providerSecret = resolve(c, prompter);
    return providerSecret;
  }

  private Secret resolve(Credential c, Prompter prompter) {
    Optional<Secret> given = settings.secret(c.path());
    if (given.isPresent()) {
      Source source = settings.source(c.path()).orElse(Source.FLAG);
      if (sim == null && (source == Source.FLAG || source == Source.ENVIRONMENT)) {
        offerToStore = storeOffer(prompter, c.path(), given.get());
      }
      return given.get();
    }
    CredentialStore store = new CredentialStore(SettingsResolution.home(env).credentials());
    Optional<Secret> stored = store.get(c.path());
    if (stored.isPresent()) {
      return stored.get();
    }
    if (prompter.available()) {
      Optional<Secret> typed = prompter.secret(c.prompt()).map(Secret::of);
      if (typed.isPresent()) {
        offerToStore = storeOffer(prompter, c.path(), typed.get());
        offerToStoreTyped = offerToStore;
        return typed.get();
      }
    }
    throw new UserInputException("no " + c.what() + " was found", c.hint(), ExitCodes.UNAUTHORIZED);
  }

  private Runnable storeOffer(Prompter prompter, String path, Secret key) {
    return () -> {
      CredentialStore store = new CredentialStore(SettingsResolution.home(env).credentials());
      if (prompter.available()
          && store.get(path).filter(key::equals).isEmpty()
          && prompter.confirm(
              "Store the key in " + store.file() + " (0600) for next time?", false)) {
        store.put(path, key);
        env.err().println("  stored in " + store.file());
      }
    };
  }

  /**
   * The DNS provider when a DNS name is configured (Cloudflare), after checking the zone and token
   * it needs are there too.
   */
  Optional<DnsProvider> dns() {
    if (!settings.isSet(SettingsCatalogue.DNS_NAME)) {
      return Optional.empty();
    }
    var zone = settings.get(SettingsCatalogue.DNS_ZONE);
    var token = settings.secret(SettingsCatalogue.CLOUDFLARE_TOKEN);
    if (zone.isEmpty() || token.isEmpty()) {
      throw new UserInputException(
          "IRONKUBE_DNS_NAME is set but Cloudflare is not configured (missing "
              + (zone.isEmpty() ? "CLOUDFLARE_ZONE_ID" : "CLOUDFLARE_API_TOKEN")
              + ")",
          "set CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN, or unset IRONKUBE_DNS_NAME to skip DNS");
    }
    return Optional.of(
        CloudflareDns.connect(
            settings.uri(SettingsCatalogue.CLOUDFLARE_URL),
            token.get(),
            zone.get(),
            this::instrument));
  }

  /** The Image Factory behind the workflow's port. */
  ImageSource images() {
    ImageFactoryUrls urls =
        new ImageFactoryUrls(
            settings.uri(SettingsCatalogue.IMAGE_FACTORY_URL),
            settings.uri(SettingsCatalogue.PXE_URL));
    JsonHttp http = instrument(ImageFactoryClient.transport(urls.factoryBase())).build();
    ImageFactoryClient client = new ImageFactoryClient(http, urls);
    return new ImageSource() {
      @Override
      public String schematic(List<String> extensions) {
        return client.createSchematic(new Schematic(extensions, List.of()));
      }

      @Override
      public List<String> talosVersions() {
        return client.versions();
      }

      @Override
      public TalosBoot boot(String schematicId, String talosVersion) {
        return urls.boot(schematicId, talosVersion);
      }

      @Override
      public String installerImage(String schematicId, String talosVersion) {
        return urls.installerImage(schematicId, talosVersion);
      }
    };
  }

  Clock clock() {
    return env.clock();
  }

  @Override
  public void close() {
    closeAll(transports);
    if (sim != null && ownsSim) {
      sim.close();
    }
  }

  private static void closeAll(Queue<JsonHttp> transports) {
    for (JsonHttp http; (http = transports.poll()) != null; ) {
      http.close();
    }
  }
}
