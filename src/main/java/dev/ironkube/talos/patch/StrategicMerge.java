package dev.ironkube.talos.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Talos' strategic merge on untyped documents, with the typed rules its Go structs carry
 * (siderolabs/talos v1.13.9 pkg/machinery/config/merge/merge.go and the types it walks):
 *
 * <ul>
 *   <li>mappings merge key by key; a key the config lacks is added;
 *   <li>lists are appended to, except the fields tagged {@code merge:"replace"} (pod and service
 *       subnets, the audit policy; a NetworkRuleConfig's ingress and ports), which are replaced;
 *   <li>lists with their own Merge are merged by key: network interfaces by {@code interface} or an
 *       equal {@code deviceSelector}, their VLANs by {@code vlanId}, admission plugins by {@code
 *       name};
 *   <li>extraArgs ({@code Args}) take each argument whole, a list included (maps.Copy);
 *   <li>a scalar replaces the config's, except an empty string or zero (the zero value of a Go
 *       field merges as "not set"); a boolean always replaces;
 *   <li>a document the config lacks is added; a mapping holding {@code $patch: delete} removes that
 *       key, that list item (matched by its first other key) or that document, before the rest of
 *       the patch is merged (configloader/internal/decoder/delete.go).
 * </ul>
 */
final class StrategicMerge {
  private static final Map<String, Set<String>> REPLACED =
      Map.of(
          "v1alpha1",
          Set.of(
              "cluster.network.podSubnets",
              "cluster.network.serviceSubnets",
              "cluster.apiServer.auditPolicy"),
          "NetworkRuleConfig",
          Set.of("ingress", "portSelector.ports"));

  private static final Set<String> ARGS =
      Set.of(
          "cluster.apiServer.extraArgs",
          "cluster.controllerManager.extraArgs",
          "cluster.scheduler.extraArgs",
          "cluster.proxy.extraArgs",
          "cluster.etcd.extraArgs",
          "machine.kubelet.extraArgs");

  private static final Map<String, List<String>> KEYED =
      Map.of(
          "machine.network.interfaces", List.of("interface", "deviceSelector"),
          "machine.network.interfaces[].vlans", List.of("vlanId"),
          "cluster.apiServer.admissionControl", List.of("name"));

  /** A patch that cannot be merged; the message names the path. */
  static final class MergeFailure extends RuntimeException {
    MergeFailure(String message) {
      super(message);
    }
  }

  private StrategicMerge() {}

  /** Merges the patch's documents into {@code config} (changed in place). */
  static void apply(List<ObjectNode> config, List<JsonNode> patch) {
    for (JsonNode raw : patch) {
      ObjectNode right = raw.deepCopy();
      String id = ConfigDocuments.id(right);
      ObjectNode left = find(config, id);
      boolean documentDeleted = PatchDeletes.apply(config, left, right);
      if (documentDeleted || PatchDeletes.onlyHeader(right)) {
        continue;
      }
      if (left == null) {
        config.add(right);
      } else {
        merge(left, right, "", ConfigDocuments.kind(left));
      }
    }
  }

  static ObjectNode find(List<ObjectNode> config, String id) {
    return config.stream().filter(d -> ConfigDocuments.id(d).equals(id)).findFirst().orElse(null);
  }

  private static void merge(ObjectNode left, ObjectNode right, String path, String kind) {
    Iterator<Map.Entry<String, JsonNode>> fields = right.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode r = field.getValue();
      JsonNode l = left.get(key);
      String at = path.isEmpty() ? key : path + "." + key;
      if (r.isNull()) {
        continue;
      }
      if (l == null || l.isNull() || ARGS.contains(path)) {
        left.set(key, r.deepCopy());
      } else if (REPLACED.getOrDefault(kind, Set.of()).contains(at)) {
        if (!r.isEmpty() || !r.isContainerNode()) {
          left.set(key, r.deepCopy());
        }
      } else if (l.isObject() && r.isObject()) {
        merge((ObjectNode) l, (ObjectNode) r, at, kind);
      } else if (l.isArray() && r.isArray()) {
        mergeList((ArrayNode) l, (ArrayNode) r, at, kind);
      } else if (l.isValueNode() && r.isValueNode()) {
        if (r.isBoolean() || !zero(r)) {
          left.set(key, r.deepCopy());
        }
      } else {
        throw new MergeFailure(
            "merge type mismatch at "
                + at
                + ": the config has a "
                + shape(l)
                + ", the patch a "
                + shape(r));
      }
    }
  }

  private static void mergeList(ArrayNode left, ArrayNode right, String at, String kind) {
    List<String> keys = "v1alpha1".equals(kind) ? KEYED.get(at) : null;
    if (keys == null) {
      right.forEach(item -> left.add(item.deepCopy()));
      return;
    }
    for (JsonNode item : right) {
      ObjectNode existing = keyedMatch(left, item, keys);
      if (existing != null && item.isObject()) {
        merge(existing, (ObjectNode) item, at + "[]", kind);
      } else {
        left.add(item.deepCopy());
      }
    }
  }

  /** The item the list's Merge would merge into: the first key the patch item sets decides. */
  private static ObjectNode keyedMatch(ArrayNode list, JsonNode item, List<String> keys) {
    for (String key : keys) {
      JsonNode wanted = item.get(key);
      if (wanted == null || wanted.isNull() || (wanted.isTextual() && wanted.asText().isEmpty())) {
        continue;
      }
      for (JsonNode candidate : list) {
        if (candidate.isObject() && wanted.equals(candidate.get(key))) {
          return (ObjectNode) candidate;
        }
      }
      return null;
    }
    return null;
  }

  private static boolean zero(JsonNode scalar) {
    return (scalar.isTextual() && scalar.asText().isEmpty())
        || (scalar.isNumber() && scalar.asDouble() == 0);
  }

  private static String shape(JsonNode node) {
    return node.isObject() ? "mapping" : node.isArray() ? "list" : "value";
  }
}
