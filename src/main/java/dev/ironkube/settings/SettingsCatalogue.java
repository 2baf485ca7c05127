package dev.ironkube.settings;

import static dev.ironkube.settings.SettingDef.Type.BOOLEAN;
import static dev.ironkube.settings.SettingDef.Type.CHOICE;
import static dev.ironkube.settings.SettingDef.Type.CIDR;
import static dev.ironkube.settings.SettingDef.Type.CIDR_LIST;
import static dev.ironkube.settings.SettingDef.Type.DURATION;
import static dev.ironkube.settings.SettingDef.Type.LIST;
import static dev.ironkube.settings.SettingDef.Type.NAME;
import static dev.ironkube.settings.SettingDef.Type.STRING;
import static dev.ironkube.settings.SettingDef.Type.STRUCTURED;
import static dev.ironkube.settings.SettingDef.Type.URL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting ironkube knows, with its default: the one place where defaults live. */
public final class SettingsCatalogue {
  public static final String API_VERSION = "ironkube.dev/v1alpha1";
  public static final String KIND = "Cluster";

  public static final String NAME_PATH = "metadata.name";
  public static final String PROVIDER = "spec.provider";
  public static final String PLAN = "spec.plan";
  public static final String REGION = "spec.region";
  public static final String BILLING = "spec.billing";
  public static final String CONTROL_PLANES = "spec.controlPlanes";
  public static final String WORKERS = "spec.workers";
  public static final String POOLS = "spec.pools";
  public static final String PATCHES = "spec.talos.patches";
  public static final String TALOS_VERSION = "spec.talos.version";
  public static final String SCHEMATIC_ID = "spec.talos.schematic.id";
  public static final String EXTENSIONS = "spec.talos.schematic.extensions";
  public static final String INSTALL_DISK = "spec.talos.installDisk";
  public static final String KUBERNETES_VERSION = "spec.kubernetes.version";
  public static final String POD_SUBNET = "spec.network.podSubnet";
  public static final String SERVICE_SUBNET = "spec.network.serviceSubnet";
  public static final String OPERATOR_CIDRS = "spec.access.operatorCidrs";
  public static final String LATITUDE_URL = "spec.endpoints.latitude";
  public static final String OPERATOR_IP_URLS = "spec.endpoints.operatorIp";
  public static final String IMAGE_FACTORY_URL = "spec.endpoints.imageFactory";
  public static final String PXE_URL = "spec.endpoints.pxe";
  public static final String MANIFEST_MIRROR = "spec.endpoints.manifestMirror";
  public static final String PROVIDER_POLL = "spec.waits.providerPollInterval";
  public static final String PROVIDER_TIMEOUT = "spec.waits.providerTimeout";
  public static final String TALOS_POLL = "spec.waits.talosPollInterval";
  public static final String TALOS_BOOT_TIMEOUT = "spec.waits.talosBootTimeout";
  public static final String BOOTSTRAP_TIMEOUT = "spec.waits.bootstrapTimeout";
  public static final String LOCKDOWN_PROBE_TIMEOUT = "spec.waits.lockdownProbeTimeout";
  public static final String KEEP_ON_FAILURE = "spec.keepOnFailure";
  public static final String LATITUDE_API_KEY = "secrets.latitude.apiKey";
  public static final String SCALEWAY_URL = "spec.endpoints.scaleway";
  public static final String SCALEWAY_PROJECT = "spec.scaleway.projectId";
  public static final String SCALEWAY_ZONE = "spec.scaleway.zone";
  public static final String SCALEWAY_ACCESS_KEY = "spec.scaleway.accessKey";
  public static final String SCALEWAY_SECRET_KEY = "secrets.scaleway.secretKey";
  public static final String DNS_NAME = "spec.dns.name";
  public static final String DNS_ZONE = "spec.dns.zoneId";
  public static final String DNS_TTL = "spec.dns.ttl";
  public static final String DNS_PROXIED = "spec.dns.proxied";
  public static final String CLOUDFLARE_URL = "spec.endpoints.cloudflare";
  public static final String CLOUDFLARE_TOKEN = "secrets.cloudflare.apiToken";
  public static final String INFISICAL_URL = "spec.endpoints.infisical";
  public static final String INFISICAL_CLIENT_ID = "spec.infisical.clientId";
  public static final String INFISICAL_CLIENT_SECRET = "secrets.infisical.clientSecret";
  public static final String INFISICAL_PROJECT = "spec.infisical.projectId";
  public static final String INFISICAL_ENVIRONMENT = "spec.infisical.environment";
  public static final String INFISICAL_PATH = "spec.infisical.secretPath";
  public static final String INFISICAL_MAPPING = "spec.infisical.mapping";
  public static final String INFISICAL_WRITE_BACK = "spec.infisical.writeBack";
  public static final String PLATFORM_ENABLED = "spec.platform.enabled";
  public static final String PLATFORM_TIMEOUT = "spec.waits.platformTimeout";
  public static final String PLATFORM_POLL = "spec.waits.platformPollInterval";

  /**
   * Below this prefix the document may carry any key: the platform catalogue (versions, charts,
   * add-ons) checks its own keys and reports unknown ones.
   */
  public static final String PLATFORM_PREFIX = "spec.platform.";

  public static final String TELEPORT_PROXY = "spec.teleport.proxy";
  public static final String TELEPORT_IDENTITY = "spec.teleport.identityFile";
  public static final String TELEPORT_AGENT_CHART = "spec.teleport.agentChartVersion";
  public static final String TELEPORT_POLL = "spec.waits.teleportPollInterval";
  public static final String TELEPORT_TIMEOUT = "spec.waits.teleportTimeout";

  public static final List<String> PROVIDERS = List.of("latitude", "scaleway");
  public static final List<String> BILLING_CHOICES = List.of("hourly", "monthly");

  private static final Map<String, SettingDef> DEFS = new LinkedHashMap<>();

  static {
    add(NAME_PATH, "IRONKUBE_CLUSTER", "demo", NAME, "cluster name (lowercase, 1-20 chars)");
    add(PROVIDER, "IRONKUBE_PROVIDER", "latitude", CHOICE, "bare-metal provider");
    add(PLAN, "IRONKUBE_PLAN", null, STRING, "plan slug; chosen interactively when absent");
    add(
        REGION,
        "IRONKUBE_REGION",
        null,
        STRING,
        "site/zone slug; chosen interactively when absent");
    add(BILLING, "", "hourly", CHOICE, "billing period ordered");
    add(
        CONTROL_PLANES,
        "IRONKUBE_CONTROL_PLANES",
        "1",
        STRING,
        "control-plane nodes, 1 or 3 (when spec.pools is not set)");
    add(WORKERS, "IRONKUBE_WORKERS", "0", STRING, "worker nodes (when spec.pools is not set)");
    add(
        POOLS,
        "",
        null,
        STRUCTURED,
        "node pools: a list of {name, role, count, plan, region}; see the README");
    add(
        TALOS_VERSION,
        "IRONKUBE_TALOS_VERSION",
        TalosReleases.current().newestPatch(),
        STRING,
        "Talos version to boot");
    add(SCHEMATIC_ID, "IRONKUBE_SCHEMATIC_ID", null, STRING, "Image Factory schematic id");
    add(
        PATCHES,
        "",
        null,
        STRUCTURED,
        "machine-config patches: a list of {target, patch | file}; see the README's Day two");
    add(
        EXTENSIONS,
        "",
        "siderolabs/iscsi-tools,siderolabs/util-linux-tools",
        LIST,
        "system extensions of the schematic created when no id is given");
    add(INSTALL_DISK, "", null, STRING, "install disk; chosen from the node's disks when absent");
    add(
        KUBERNETES_VERSION,
        "",
        null,
        STRING,
        "Kubernetes version; the Talos release's default when absent (its support matrix bounds it)");
    add(POD_SUBNET, "", "10.244.0.0/16", CIDR, "pod network");
    add(SERVICE_SUBNET, "", "10.96.0.0/12", CIDR, "service network");
    add(
        OPERATOR_CIDRS,
        "IRONKUBE_OPERATOR_CIDRS",
        null,
        CIDR_LIST,
        "addresses allowed to the Talos and Kubernetes APIs during bootstrap");
    add(LATITUDE_URL, "LATITUDE_API_URL", "https://api.latitude.sh", URL, "Latitude.sh API");
    add(
        OPERATOR_IP_URLS,
        "IRONKUBE_OPERATOR_IP_URLS",
        "https://checkip.amazonaws.com,https://api.ipify.org,https://icanhazip.com",
        LIST,
        "services asked for your public address, in turn, when operatorCidrs is not set");
    add(
        IMAGE_FACTORY_URL,
        "IRONKUBE_IMAGE_FACTORY_URL",
        "https://factory.talos.dev",
        URL,
        "Talos Image Factory");
    add(PXE_URL, "IRONKUBE_PXE_URL", "https://pxe.factory.talos.dev", URL, "Image Factory PXE");
    add(
        MANIFEST_MIRROR,
        "IRONKUBE_MANIFEST_MIRROR",
        null,
        URL,
        "web server holding the platform's manifests as <host>/<path> (offline; wget -x makes one)");
    add(SCALEWAY_URL, "SCW_API_URL", "https://api.scaleway.com", URL, "Scaleway API");
    add(SCALEWAY_PROJECT, "SCW_DEFAULT_PROJECT_ID", null, STRING, "Scaleway project id");
    add(SCALEWAY_ZONE, "SCW_DEFAULT_ZONE", "fr-par-1", STRING, "Scaleway default zone");
    add(SCALEWAY_ACCESS_KEY, "SCW_ACCESS_KEY", null, STRING, "Scaleway access key (an id)");
    add(DNS_NAME, "IRONKUBE_DNS_NAME", null, STRING, "DNS name of the API endpoint (A record)");
    add(DNS_ZONE, "CLOUDFLARE_ZONE_ID", null, STRING, "Cloudflare zone holding the DNS name");
    add(DNS_TTL, "", "300", STRING, "TTL of the A record in seconds (1: automatic)");
    add(DNS_PROXIED, "", "false", BOOLEAN, "proxy the record through Cloudflare");
    add(
        CLOUDFLARE_URL,
        "CLOUDFLARE_API_URL",
        "https://api.cloudflare.com/client/v4",
        URL,
        "Cloudflare API");
    add(INFISICAL_URL, "INFISICAL_API_URL", "https://app.infisical.com", URL, "Infisical API");
    add(
        INFISICAL_CLIENT_ID,
        "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID",
        null,
        STRING,
        "Infisical machine identity (Universal Auth client id)");
    add(INFISICAL_PROJECT, "INFISICAL_PROJECT_ID", null, STRING, "Infisical project");
    add(INFISICAL_ENVIRONMENT, "INFISICAL_ENVIRONMENT", "prod", STRING, "Infisical environment");
    add(INFISICAL_PATH, "INFISICAL_SECRET_PATH", "/", STRING, "Infisical folder of the secrets");
    add(
        INFISICAL_MAPPING,
        "",
        null,
        LIST,
        "extra secret-name to setting mappings, like MY_KEY=secrets.latitude.apiKey");
    add(INFISICAL_WRITE_BACK, "", "false", BOOLEAN, "store the cluster's credentials in Infisical");
    add(PLATFORM_ENABLED, "", "true", BOOLEAN, "install the platform stack after bootstrap");
    add(PLATFORM_TIMEOUT, "", "15m", DURATION, "how long one platform component may take");
    add(PLATFORM_POLL, "", "5s", DURATION, "interval between platform readiness checks");
    add(TELEPORT_PROXY, "TELEPORT_PROXY", null, STRING, "Teleport proxy host:port");
    add(TELEPORT_IDENTITY, "TELEPORT_IDENTITY_FILE", null, STRING, "Teleport identity file");
    add(
        TELEPORT_AGENT_CHART,
        "",
        "18.2.0",
        STRING,
        "teleport-kube-agent chart version; match your Teleport cluster's version");
    add(TELEPORT_POLL, "", "15s", DURATION, "interval between Teleport registration checks");
    add(TELEPORT_TIMEOUT, "", "10m", DURATION, "how long to wait for the Teleport agent");
    add(PROVIDER_POLL, "", "15s", DURATION, "interval between provider status reads");
    add(PROVIDER_TIMEOUT, "", "45m", DURATION, "how long to wait for a server to boot");
    add(TALOS_POLL, "", "500ms", DURATION, "interval between Talos and Kubernetes API probes");
    add(TALOS_BOOT_TIMEOUT, "", "30m", DURATION, "how long to wait for the Talos API");
    add(BOOTSTRAP_TIMEOUT, "", "15m", DURATION, "how long to wait for a healthy cluster");
    add(
        LOCKDOWN_PROBE_TIMEOUT,
        "",
        "3s",
        DURATION,
        "how long the check after the lock-down waits for a closed port to stay silent");
    add(KEEP_ON_FAILURE, "", "false", BOOLEAN, "keep what was created when a run fails");
    DEFS.put(
        LATITUDE_API_KEY,
        new SettingDef(
            LATITUDE_API_KEY,
            "LATITUDE_API_KEY",
            null,
            STRING,
            true,
            "Latitude.sh API key (flag, environment, credential store or prompt)"));
    DEFS.put(
        SCALEWAY_SECRET_KEY,
        new SettingDef(
            SCALEWAY_SECRET_KEY,
            "SCW_SECRET_KEY",
            null,
            STRING,
            true,
            "Scaleway secret key (environment, credential store or prompt)"));
    secret(CLOUDFLARE_TOKEN, "CLOUDFLARE_API_TOKEN", "Cloudflare API token (DNS edit on the zone)");
    secret(
        INFISICAL_CLIENT_SECRET,
        "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET",
        "Infisical machine identity secret");
  }

  private static void secret(String path, String env, String description) {
    DEFS.put(path, new SettingDef(path, env, null, STRING, true, description));
  }

  private static void add(
      String path, String env, String defaultValue, SettingDef.Type type, String description) {
    DEFS.put(path, new SettingDef(path, env, defaultValue, type, false, description));
  }

  private SettingsCatalogue() {}

  public static Optional<SettingDef> find(String path) {
    return Optional.ofNullable(DEFS.get(path));
  }

  public static List<SettingDef> all() {
    return List.copyOf(DEFS.values());
  }

  /** The allowed values of a CHOICE setting. */
  public static List<String> choices(String path) {
    return switch (path) {
      case PROVIDER -> PROVIDERS;
      case BILLING -> BILLING_CHOICES;
      default -> List.of();
    };
  }
}
