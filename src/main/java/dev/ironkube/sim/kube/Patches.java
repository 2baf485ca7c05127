package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.Map;

/**
 * The patch types the simulated API server accepts. Strategic merge is served as a JSON merge
 * patch: the two differ only for lists with merge keys, which the platform install never patches.
 */
final class Patches {
  private Patches() {}

  static boolean isMerge(String contentType) {
    return contentType.startsWith("application/merge-patch+json")
        || contentType.startsWith("application/strategic-merge-patch+json");
  }

  static boolean isJsonPatch(String contentType) {
    return contentType.startsWith("application/json-patch+json");
  }

  static boolean isApply(String contentType) {
    return contentType.startsWith("application/apply-patch+yaml");
  }

  /** RFC 7386: objects merge recursively, null removes, anything else replaces. */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target.isObject() ? ((ObjectNode) target).deepCopy() : ((ObjectNode) patch).objectNode();
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), merge(result.path(e.getKey()), e.getValue()));
      }
    }
    return result;
  }

  /** RFC 6902. */
  static JsonNode jsonPatch(JsonNode target, JsonNode patch) {
    return JsonPatch.apply(patch, target);
  }
}
