package dev.ironkube.secrets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which secret name fills which ironkube setting path. Several names may fill one path (aliases, as
 * rawkode-cloud accepted {@code CF_API_TOKEN} for {@code CLOUDFLARE_API_TOKEN}); the first name in
 * the mapping's order that the store holds wins.
 *
 * <p>The defaults are {@link #DEFAULTS}. A user adds or overrides entries with {@link #parse} of
 * {@code "NAME=setting.path,OTHER=other.path"}; the integrator extends the map for new settings.
 */
public final class SecretMapping {

  /** Secret name → setting path; insertion order decides between aliases. */
  public static final Map<String, String> DEFAULTS = defaults();

  private final Map<String, String> byName;

  public SecretMapping(Map<String, String> byName) {
    this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
  }

  public static SecretMapping standard() {
    return new SecretMapping(DEFAULTS);
  }

  private static Map<String, String> defaults() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("LATITUDE_API_KEY", "secrets.latitude.apiKey");
    m.put("CLOUDFLARE_API_TOKEN", "secrets.cloudflare.apiToken");
    m.put("CF_API_TOKEN", "secrets.cloudflare.apiToken");
    m.put("CLOUDFLARE_ZONE_ID", "spec.dns.zoneId");
    m.put("CF_ZONE_ID", "spec.dns.zoneId");
    m.put("CLOUDFLARE_DNS_NAME", "spec.dns.name");
    m.put("CF_DNS_NAME", "spec.dns.name");
    m.put("SCW_SECRET_KEY", "secrets.scaleway.secretKey");
    m.put("SCALEWAY_SECRET_KEY", "secrets.scaleway.secretKey");
    m.put("SCW_ACCESS_KEY", "spec.scaleway.accessKey");
    m.put("SCALEWAY_ACCESS_KEY", "spec.scaleway.accessKey");
    m.put("SCW_DEFAULT_PROJECT_ID", "spec.scaleway.projectId");
    m.put("SCALEWAY_OFFER_ID", "spec.plan");
    m.put("SCW_OFFER_ID", "spec.plan");
    m.put("CLUSTER_NAME", "metadata.name");
    m.put("TALOS_VERSION", "spec.talos.version");
    m.put("KUBERNETES_VERSION", "spec.kubernetes.version");
    m.put("TELEPORT_PROXY", "spec.teleport.proxy");
    m.put("TELEPORT_PROXY_ADDR", "spec.teleport.proxy");
    return Collections.unmodifiableMap(m);
  }

  /**
   * Reads {@code "NAME=setting.path,..."}; blanks around names and paths are ignored.
   *
   * @throws IllegalArgumentException naming the first malformed entry
   */
  public static Map<String, String> parse(String spec) {
    Map<String, String> parsed = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return parsed;
    }
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String name = eq < 0 ? "" : entry.substring(0, eq).strip();
      String path = eq < 0 ? "" : entry.substring(eq + 1).strip();
      if (name.isEmpty() || path.isEmpty() || path.contains("=")) {
        throw new IllegalArgumentException(
            "secret mapping entry '" + entry.strip() + "' is not NAME=setting.path");
      }
      parsed.put(name, path);
    }
    return parsed;
  }

  /**
   * This mapping with {@code extra} entries added; a name already mapped is re-pointed, and user
   * entries come first so that their names win over default aliases for the same path.
   */
  public SecretMapping with(Map<String, String> extra) {
    Map<String, String> merged = new LinkedHashMap<>(extra);
    byName.forEach(merged::putIfAbsent);
    return new SecretMapping(merged);
  }

  public Map<String, String> byName() {
    return byName;
  }

  /**
   * Setting path → value for each mapped secret present and non-blank; unmapped ones are ignored.
   */
  public Map<String, String> apply(Map<String, String> secrets) {
    Map<String, String> byPath = new LinkedHashMap<>();
    byName.forEach(
        (name, path) -> {
          String value = secrets.get(name);
          if (value != null && !value.isBlank()) {
            byPath.putIfAbsent(path, value.strip());
          }
        });
    return byPath;
  }

  /** Names and paths only; no value ever passes through a mapping's state. */
  @Override
  public String toString() {
    return "SecretMapping" + byName;
  }
}
