package dev.ironkube.talos.talosconfig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.talos.pki.CertAndKey;
import dev.ironkube.talos.pki.SecretFiles;
import dev.ironkube.talos.pki.TalosPem;
import dev.ironkube.talos.yaml.TalosYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One talosconfig context, in the file format talosctl reads (pkg/machinery/client/config), so
 * users can drive ironkube's nodes with talosctl too.
 *
 * @param context the context name, usually the cluster name
 * @param endpoints hosts or host:port to dial (port 50000 by default)
 * @param nodes default target nodes; may be empty
 * @param caPem the OS CA certificate
 * @param certificatePem the os:admin client certificate
 * @param keyPem the client key, in Talos' PEM dialect
 */
public record Talosconfig(
    String context,
    List<String> endpoints,
    List<String> nodes,
    String caPem,
    String certificatePem,
    String keyPem) {

  public Talosconfig {
    endpoints = List.copyOf(endpoints);
    nodes = List.copyOf(nodes);
  }

  /** A context for {@code client}, an admin certificate issued from {@code osCa}. */
  public static Talosconfig of(
      String context,
      List<String> endpoints,
      List<String> nodes,
      CertAndKey osCa,
      CertAndKey client) {
    return new Talosconfig(
        context, endpoints, nodes, osCa.certificatePem(), client.certificatePem(), client.keyPem());
  }

  /** The client key as PKCS#8 PEM, the form grpc-netty needs. */
  public String keyPkcs8Pem() {
    return TalosPem.privateKeyPkcs8(TalosPem.parsePrivateKey(keyPem));
  }

  public String toYaml() {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("endpoints", endpoints);
    entry.put("nodes", nodes);
    entry.put("ca", TalosPem.base64(caPem));
    entry.put("crt", TalosPem.base64(certificatePem));
    entry.put("key", TalosPem.base64(keyPem));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("context", context);
    root.put("contexts", Map.of(context, entry));
    return TalosYaml.write(root);
  }

  /** Writes the file with mode 0600, atomically: it holds an admin key. */
  public void write(Path path) {
    SecretFiles.writePrivate(path, toYaml());
  }

  /** Reads the current context of a talosconfig file (written by ironkube or talosctl). */
  public static Talosconfig read(Path path) {
    try {
      return fromYaml(Files.readString(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read talosconfig " + path, e);
    }
  }

  public static Talosconfig fromYaml(String yaml) {
    JsonNode root =
        TalosYaml.readDocuments(yaml).stream()
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("empty talosconfig"));
    String context = root.path("context").asText("");
    JsonNode entry = root.path("contexts").path(context);
    if (context.isEmpty() || entry.isMissingNode()) {
      throw new IllegalArgumentException("talosconfig has no current context " + context);
    }
    return new Talosconfig(
        context,
        strings(entry.path("endpoints")),
        strings(entry.path("nodes")),
        TalosPem.fromBase64(entry.path("ca").asText(), "ca"),
        TalosPem.fromBase64(entry.path("crt").asText(), "crt"),
        TalosPem.fromBase64(entry.path("key").asText(), "key"));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "Talosconfig[context="
        + context
        + ", endpoints="
        + endpoints
        + ", nodes="
        + nodes
        + ", key=<redacted>]";
  }
}
