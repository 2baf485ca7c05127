package dev.ironkube.sim.talos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ironkube.sim.SimDisk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The subset of Talos's {@code Validate} + {@code RuntimeValidate} the fake enforces, so that a
 * config the fake accepts is very likely one a real node accepts:
 *
 * <ul>
 *   <li>exactly one legacy document, {@code version: v1alpha1}, top-level keys only among
 *       version/debug/persist/machine/cluster;
 *   <li>{@code machine.type} controlplane, worker or init;
 *   <li>{@code machine.ca.crt} a base64 PEM certificate; on a control plane also {@code
 *       machine.ca.key}, a base64 PEM key matching it (Ed25519, or P-256 as in FIPS mode); on a
 *       worker that key must be empty;
 *   <li>{@code cluster.clusterName} set; {@code cluster.controlPlane.endpoint} an https URL;
 *   <li>{@code cluster.ca} likewise (key required on a control plane);
 *   <li>{@code machine.install.disk} among the node's disks, unless a diskSelector is given;
 *   <li>every other document has {@code apiVersion: v1alpha1} and a kind the node's Talos version
 *       registers; no duplicate (kind, name).
 * </ul>
 *
 * Unknown keys inside machine/cluster are not checked: that is the JSON schema's job in the
 * generator's own tests, and the fake must not lag the real schema.
 */
final class ConfigValidator {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> LEGACY_KEYS =
      Set.of("version", "debug", "persist", "machine", "cluster");

  private final List<SimDisk> disks;
  private final String talosVersion;

  ConfigValidator(List<SimDisk> disks, String talosVersion) {
    this.disks = disks;
    this.talosVersion = talosVersion;
  }

  /** The parsed config, or {@link InvalidConfig} listing every problem with its path. */
  AppliedConfig validate(byte[] raw) {
    List<JsonNode> documents = parse(raw);
    List<String> problems = new ArrayList<>();
    JsonNode legacy = null;
    List<String> kinds = new ArrayList<>();
    String documentHostname = null;
    Set<String> seen = new HashSet<>();
    Set<String> registered = DocumentKinds.registered(DocumentKinds.minor(talosVersion));
    for (JsonNode doc : documents) {
      if (doc == null || doc.isNull() || doc.isMissingNode()) {
        continue;
      }
      if (!doc.isObject()) {
        problems.add("a document is not a mapping");
      } else if (doc.has("version") || !doc.has("kind")) {
        if (legacy != null) {
          problems.add("more than one v1alpha1 machine config document");
        }
        legacy = doc;
      } else {
        String kind = doc.path("kind").asText();
        kinds.add(kind);
        if ("HostnameConfig".equals(kind) && doc.hasNonNull("hostname")) {
          documentHostname = doc.path("hostname").asText();
        }
        if (!"v1alpha1".equals(doc.path("apiVersion").asText())) {
          problems.add(kind + ".apiVersion: must be v1alpha1");
        } else if (!registered.contains(kind)) {
          problems.add(
              "\"" + kind + "\" \"v1alpha1\": not registered (Talos " + talosVersion + ")");
        }
        if (!seen.add(kind + "/" + doc.path("name").asText(""))) {
          problems.add(kind + ": duplicate document " + doc.path("name").asText(""));
        }
      }
    }
    if (legacy == null) {
      if (!problems.isEmpty()) {
        throw new InvalidConfig(problems);
      }
      throw new Incomplete();
    }
    AppliedConfig config = checkLegacy(raw, legacy, kinds, documentHostname, problems);
    if (!problems.isEmpty()) {
      throw new InvalidConfig(problems);
    }
    return config;
  }

  private AppliedConfig checkLegacy(
      byte[] raw,
      JsonNode doc,
      List<String> kinds,
      String documentHostname,
      List<String> problems) {
    doc.fieldNames()
        .forEachRemaining(
            k -> {
              if (!LEGACY_KEYS.contains(k)) {
                problems.add(k + ": unknown field");
              }
            });
    if (!"v1alpha1".equals(doc.path("version").asText())) {
      problems.add("version: must be v1alpha1");
    }
    JsonNode machine = doc.path("machine");
    JsonNode cluster = doc.path("cluster");
    String type = machine.path("type").asText("");
    if (!Set.of("controlplane", "worker", "init").contains(type)) {
      problems.add("machine.type: must be controlplane or worker, was '" + type + "'");
    }
    boolean controlPlane = !"worker".equals(type);
    SimPki.Issued osCa = ca(machine.path("ca"), "machine.ca", controlPlane, problems);
    SimPki.Issued k8sCa = ca(cluster.path("ca"), "cluster.ca", controlPlane, problems);
    String clusterName = cluster.path("clusterName").asText("");
    if (clusterName.isBlank()) {
      problems.add("cluster.clusterName: required");
    }
    String endpoint = cluster.path("controlPlane").path("endpoint").asText("");
    if (!endpoint.startsWith("https://") || endpoint.length() <= "https://".length()) {
      problems.add(
          "cluster.controlPlane.endpoint: must be an https:// URL, was '" + endpoint + "'");
    }
    List<String> certSans = new ArrayList<>();
    machine.path("certSANs").forEach(n -> certSans.add(n.asText()));
    String disk = installDisk(machine.path("install"), problems);
    return new AppliedConfig(
        raw.clone(),
        type,
        clusterName,
        endpoint,
        osCa,
        k8sCa,
        List.copyOf(certSans),
        disk,
        List.copyOf(kinds),
        // Talos 1.12+ names the node in a HostnameConfig document, older ones in machine.network.
        documentHostname != null
            ? documentHostname
            : machine.path("network").path("hostname").asText(""));
  }

  private String installDisk(JsonNode install, List<String> problems) {
    if (install.isMissingNode() && DocumentKinds.minor(talosVersion) >= 14) {
      // 1.14 installs from an UnattendedInstallConfig document or not at all (the Install sequence
      // is skipped without machine.install): no section is no install, not an error.
      return null;
    }
    if (install.has("diskSelector")) {
      return ""; // Selectors match at install time; the fake accepts any selector.
    }
    String disk = install.path("disk").asText("");
    if (disk.isEmpty()) {
      problems.add("machine.install.disk: an install disk or diskSelector is required");
    } else if (disks.stream().noneMatch(d -> d.path().equals(disk))) {
      problems.add("machine.install.disk: specified install disk does not exist: \"" + disk + "\"");
    }
    return disk;
  }

  private static SimPki.Issued ca(
      JsonNode node, String path, boolean keyRequired, List<String> problems) {
    X509Certificate crt = null;
    PrivateKey key = null;
    try {
      crt = PemBlocks.certificate(base64(node.path("crt").asText("")));
    } catch (IllegalArgumentException e) {
      problems.add(path + ".crt: " + e.getMessage());
    }
    String keyText = node.path("key").asText("");
    if (path.equals("machine.ca") && !keyRequired && !keyText.isEmpty()) {
      problems.add(path + ".key: must be empty on a worker");
      return crt == null ? null : new SimPki.Issued(crt, null);
    }
    if (keyRequired || !keyText.isEmpty()) {
      try {
        key = PemBlocks.privateKey(base64(keyText));
        if (crt != null && !PemBlocks.matches(crt, key)) {
          problems.add(path + ".key: does not match " + path + ".crt");
        }
      } catch (IllegalArgumentException e) {
        problems.add(path + ".key: " + e.getMessage());
      }
    }
    return crt == null ? null : new SimPki.Issued(crt, key);
  }

  private static String base64(String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("required");
    }
    try {
      return new String(Base64.getDecoder().decode(value.trim()), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64-encoded PEM");
    }
  }

  private static List<JsonNode> parse(byte[] raw) {
    try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(raw)) {
      return it.readAll();
    } catch (IOException e) {
      throw new Unparseable("not valid YAML: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  /** The config failed validation; the message lists every problem, never a value of a key. */
  static class InvalidConfig extends RuntimeException {
    InvalidConfig(List<String> problems) {
      super("invalid machine config: " + String.join("; ", problems));
    }
  }

  /** The bytes are no YAML at all: upstream's configloader fails before any other check. */
  static final class Unparseable extends InvalidConfig {
    Unparseable(String problem) {
      super(List.of(problem));
    }
  }

  /**
   * Valid documents but no v1alpha1 one: not complete for boot. A configured node refuses it; a
   * 1.13+ node in maintenance takes it and stays in maintenance (acquire.go, stateMaintenance:
   * "incomplete config, keep waiting").
   */
  static final class Incomplete extends InvalidConfig {
    Incomplete() {
      super(List.of("the v1alpha1 machine config document is missing"));
    }
  }
}
