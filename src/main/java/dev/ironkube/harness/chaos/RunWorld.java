package dev.ironkube.harness.chaos;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.cloudflare.CloudflareOptions;
import dev.ironkube.sim.infisical.InfisicalOptions;
import dev.ironkube.sim.latitude.LatitudeOptions;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.sim.launch.Simulation;
import dev.ironkube.sim.scaleway.ScalewayOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The world one chaos run lives in, from its profile: a fresh simulated datacenter that accepts
 * only this run's provider key, the cluster document, and the environment of the in-process runs
 * and of a child process that is killed outright (which talks to the same simulator through the
 * endpoints' settings, without --simulate).
 */
final class RunWorld {
  static final String CLUSTER = "chaos";

  /**
   * The DNS name the run publishes; it reaches the settings through Infisical, as in production.
   */
  static final String DNS_NAME = "chaos.ironkube.test";

  /** Where the credentials write-back puts the cluster's copies. */
  static final String BACKUP_PREFIX = "IRONKUBE_CHAOS_";

  /**
   * The comment of the A record someone else made at the cluster's name ({@link Scenario.Setup}).
   */
  static final String FOREIGN_COMMENT = "made by the web team, not by ironkube";

  /** Where that record points, with its own TTL: what a restore must give back. */
  static final String FOREIGN_ADDRESS = "192.0.2.77";

  static final int FOREIGN_TTL = 3600;

  private final Scenario.Profile profile;
  private final Scenario.Setup setup;
  private final String providerKey;
  private final Path home;
  private final Path doc;

  RunWorld(Scenario.Profile profile, Scenario.Setup setup, Path home, Random random) {
    this.profile = profile;
    this.setup = setup;
    this.home = home;
    this.doc = home.resolve("cluster.yaml");
    // Its own stream: the simulators seed their resource ids from the run's seed, and a key drawn
    // from the same stream once equalled the first Scaleway id, which every output shows.
    Random keys = new Random(random.nextLong() ^ 0x6B6579L);
    this.providerKey =
        profile.provider().equals("scaleway")
            ? "chaos" + new UUID(keys.nextLong(), keys.nextLong()).toString().substring(5)
            : "lat_chaos_" + HexFormat.of().formatHex(bytes(keys, 16));
  }

  SimulatedDatacenter start(TimeModel time, Faults faults, long seed) throws IOException {
    Files.createDirectories(home);
    Files.writeString(doc, document());
    SimulatedDatacenter sim =
        Simulation.builder(time, faults)
            .latitude(
                LatitudeOptions.defaults()
                    .withApiKeys(Set.of(providerKey))
                    .withSeed(seed)
                    .withTimeoutFaultDelay(Duration.ofSeconds(2)))
            .scaleway(
                ScalewayOptions.defaults()
                    .withSecretKeys(Set.of(providerKey))
                    .withSeed(seed)
                    .withTimeoutFaultDelay(Duration.ofSeconds(2)))
            .build()
            .start();
    if (profile.integrations()) {
      sim.infisical().putSecret("prod", "/", "CLOUDFLARE_DNS_NAME", DNS_NAME);
    }
    if (setup.foreignDnsRecord()) {
      sim.cloudflare()
          .seedRecord(
              CloudflareOptions.DEFAULT_ZONE_ID,
              "A",
              DNS_NAME,
              FOREIGN_ADDRESS,
              FOREIGN_TTL,
              FOREIGN_COMMENT);
    }
    return sim;
  }

  private String document() {
    boolean latitude = profile.provider().equals("latitude");
    return """
        apiVersion: ironkube.dev/v1alpha1
        kind: Cluster
        metadata:
          name: %s
        spec:
          provider: %s
        %s%s%s  waits:
            providerPollInterval: 20ms
            talosPollInterval: 10ms
            platformPollInterval: 10ms
            teleportPollInterval: 10ms
            talosBootTimeout: 8s
            bootstrapTimeout: 10s
            platformTimeout: 8s
            teleportTimeout: 3s
        """
        .formatted(
            CLUSTER,
            profile.provider(),
            latitude ? "  plan: c2-small-x86\n  region: CHI\n" : "",
            // Detected through the simulated echo services when the kind asks for it.
            setup.detectOperatorAddress() ? "" : "  access:\n    operatorCidrs: [127.0.0.1/32]\n",
            profile.integrations() ? "  infisical:\n    writeBack: true\n" : "");
  }

  Path doc() {
    return doc;
  }

  Path home() {
    return home;
  }

  /** The provider secret the simulator accepts; it must appear in no output or log. */
  /** Where the runs keep the cluster's files. */
  Path clusterDir() {
    return home.resolve("ironkube/clusters/" + CLUSTER);
  }

  String providerKey() {
    return providerKey;
  }

  /** Every secret that must reach no output: provider key and the integrations' credentials. */
  List<String> secrets() {
    return profile.integrations()
        ? List.of(
            providerKey,
            CloudflareOptions.DEFAULT_TEST_TOKEN,
            InfisicalOptions.DEFAULT_CLIENT_SECRET)
        : List.of(providerKey);
  }

  /**
   * The environment of the in-process runs that pass --simulate (and the key as --api-key: a
   * simulated run ignores provider keys from the environment).
   */
  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("IRONKUBE_HOME", home.resolve("ironkube").toString());
    if (profile.integrations()) {
      // --simulate swaps in the simulator's own Infisical identity and Teleport proxy.
      env.put("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "chaos");
      env.put("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "chaos");
      env.put("TELEPORT_PROXY", "teleport.example:443");
    }
    return env;
  }

  /** The environment of a child process, pointed at {@code sim} as a real run is at the world. */
  Map<String, String> childEnv(SimulatedDatacenter sim) {
    Map<String, String> env = new HashMap<>(env());
    env.put(
        profile.provider().equals("scaleway") ? "SCW_SECRET_KEY" : "LATITUDE_API_KEY", providerKey);
    env.put("LATITUDE_API_URL", sim.latitudeUrl().toString());
    env.put("SCW_API_URL", sim.scalewayUrl().toString());
    env.put("SCW_DEFAULT_PROJECT_ID", ScalewayOptions.DEFAULT_PROJECT_ID);
    env.put("IRONKUBE_IMAGE_FACTORY_URL", sim.imageFactoryUrl().toString());
    env.put("IRONKUBE_PXE_URL", sim.pxeUrl().toString());
    // A real run that installs the platform (a scale re-runs provision) reads its manifests here.
    env.put("IRONKUBE_MANIFEST_MIRROR", sim.manifestMirrorUrl().toString());
    if (profile.integrations()) {
      env.put("INFISICAL_API_URL", sim.infisical().baseUri().toString());
      env.put("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", InfisicalOptions.DEFAULT_CLIENT_ID);
      env.put("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", InfisicalOptions.DEFAULT_CLIENT_SECRET);
      env.put("INFISICAL_PROJECT_ID", InfisicalOptions.DEFAULT_PROJECT_ID);
      env.put("CLOUDFLARE_API_URL", sim.cloudflare().baseUri().toString());
      env.put("CLOUDFLARE_ZONE_ID", CloudflareOptions.DEFAULT_ZONE_ID);
      env.put("CLOUDFLARE_API_TOKEN", CloudflareOptions.DEFAULT_TEST_TOKEN);
      env.put("TELEPORT_PROXY", sim.teleport().proxyAddress());
      Path identity = home.resolve("teleport-identity");
      sim.teleport().writeIdentityFile(identity);
      env.put("TELEPORT_IDENTITY_FILE", identity.toString());
    }
    return env;
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
