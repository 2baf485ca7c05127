package dev.ironkube.sim.talos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The objects a control plane's Talos creates from its config's {@code cluster.inlineManifests}, in
 * the order it creates them (siderolabs/talos v1.11.6, {@code
 * internal/app/machined/pkg/controllers/k8s}): {@code extra_manifest.go} makes one manifest
 * resource per inline manifest with ID {@code "99-" + name} ({@code control_plane.go}, priority
 * "99"); {@code manifest_apply.go} sorts the resources by ID, flattens their documents in order,
 * then stable-sorts Namespaces first and CustomResourceDefinitions next, each group by name.
 * Talos's own bootstrap manifests (CoreDNS, kube-proxy, RBAC) and URL {@code extraManifests} are
 * not modelled.
 */
final class TalosManifests {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private TalosManifests() {}

  static List<ObjectNode> inline(byte[] machineConfig) {
    List<JsonNode> manifests = new ArrayList<>();
    for (JsonNode doc : documents(machineConfig)) {
      doc.path("cluster").path("inlineManifests").forEach(manifests::add);
    }
    manifests.sort(Comparator.comparing(m -> "99-" + m.path("name").asText()));
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode m : manifests) {
      for (JsonNode o : documents(m.path("contents").asText("").getBytes())) {
        if (o instanceof ObjectNode object && object.hasNonNull("kind")) {
          objects.add(object);
        }
      }
    }
    objects.sort(Comparator.comparingInt(TalosManifests::group).thenComparing(TalosManifests::key));
    return objects;
  }

  /** 0 Namespaces, 1 CRDs, 2 the rest (kept in document order: equal keys, stable sort). */
  private static int group(JsonNode o) {
    String kind = o.path("kind").asText();
    String apiVersion = o.path("apiVersion").asText();
    if (kind.equals("Namespace") && apiVersion.equals("v1")) {
      return 0;
    }
    if (kind.equals("CustomResourceDefinition") && apiVersion.startsWith("apiextensions.k8s.io/")) {
      return 1;
    }
    return 2;
  }

  private static String key(JsonNode o) {
    return group(o) < 2 ? o.path("metadata").path("name").asText() : "";
  }

  private static List<JsonNode> documents(byte[] yaml) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNextValue()) {
        JsonNode d = it.nextValue();
        if (d != null && !d.isNull() && !d.isMissingNode()) {
          docs.add(d);
        }
      }
    } catch (IOException | RuntimeException e) {
      // A config that reached here passed validation; a malformed manifest is one Talos logs and
      // skips, creating nothing from it.
      return docs;
    }
    return docs;
  }
}
