package dev.ironkube.talos.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code $patch: delete} in a strategic-merge patch (siderolabs/talos v1.13.9
 * pkg/machinery/config/configloader/internal/decoder/delete.go and selector.go): a mapping holding
 * it deletes the key it sits under, or, as a list item, the first item of that list whose field
 * (the item's first other key) has the same value, or, at a document's top, the document. Deletes
 * run before the rest of the patch merges; the delete markers and what becomes empty around them
 * leave the patch.
 */
final class PatchDeletes {
  private static final Set<String> HEADER = Set.of("apiVersion", "kind", "name", "version");

  private PatchDeletes() {}

  /**
   * Applies the deletes {@code patch} carries to {@code target} (null when the config lacks the
   * document) and strips them from the patch. Returns whether the whole document was deleted.
   */
  static boolean apply(List<ObjectNode> config, ObjectNode target, ObjectNode patch) {
    if (isDelete(patch)) {
      if (ConfigDocuments.isV1alpha1(patch)) {
        throw new StrategicMerge.MergeFailure("can't delete the root of the legacy document");
      }
      if (target != null) {
        config.remove(target);
      }
      return true;
    }
    List<Runnable> deletes = new ArrayList<>();
    collect(patch, new ArrayList<>(), false, target, deletes);
    deletes.forEach(Runnable::run);
    return false;
  }

  /** Whether only the document's header is left: nothing to merge. */
  static boolean onlyHeader(ObjectNode doc) {
    Iterator<String> names = doc.fieldNames();
    while (names.hasNext()) {
      if (!HEADER.contains(names.next())) {
        return false;
      }
    }
    return !ConfigDocuments.isV1alpha1(doc) || doc.isEmpty();
  }

  /** Returns whether {@code node} became empty and should leave its parent. */
  private static boolean collect(
      JsonNode node, List<String> path, boolean inList, ObjectNode target, List<Runnable> out) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        List<String> at = new ArrayList<>(path);
        at.add(field.getKey());
        JsonNode value = field.getValue();
        if (isDelete(value)) {
          if (inList) {
            throw new StrategicMerge.MergeFailure(
                "cannot delete an inner key in '" + String.join(".", at) + "'");
          }
          out.add(() -> deleteKey(target, at));
          fields.remove();
        } else if (value instanceof ArrayNode list) {
          int before = list.size();
          deleteItems(list, at, target, out);
          if (before > 0 && list.isEmpty()) {
            fields.remove();
          } else {
            collect(list, at, inList, target, out);
          }
        } else if (value.isObject() && collect(value, at, inList, target, out)) {
          fields.remove();
        }
      }
      return object.isEmpty() && !path.isEmpty();
    }
    if (node instanceof ArrayNode list) {
      for (JsonNode item : list) {
        collect(item, path, true, target, out);
      }
    }
    return false;
  }

  private static void deleteItems(
      ArrayNode list, List<String> at, ObjectNode target, List<Runnable> out) {
    for (int i = list.size() - 1; i >= 0; i--) {
      JsonNode item = list.get(i);
      if (!isDelete(item)) {
        continue;
      }
      Map.Entry<String, JsonNode> selector = selector((ObjectNode) item, at);
      out.add(() -> deleteItem(target, at, selector.getKey(), selector.getValue()));
      list.remove(i);
    }
  }

  private static Map.Entry<String, JsonNode> selector(ObjectNode item, List<String> at) {
    Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (!f.getKey().equals("$patch")) {
        return f;
      }
    }
    throw new StrategicMerge.MergeFailure(
        "no key:val found in sequence node for path " + String.join(".", at));
  }

  private static void deleteKey(ObjectNode target, List<String> path) {
    JsonNode parent = walk(target, path.subList(0, path.size() - 1));
    if (parent instanceof ObjectNode object) {
      // A key the config does not hold is a struct field at its zero value upstream: nothing to do.
      object.remove(path.get(path.size() - 1));
    }
  }

  private static void deleteItem(ObjectNode target, List<String> path, String key, JsonNode value) {
    JsonNode list = walk(target, path);
    if (list instanceof ArrayNode items) {
      for (int i = 0; i < items.size(); i++) {
        JsonNode field = items.get(i).get(key);
        if (field != null && field.asText().equals(value.asText())) {
          items.remove(i);
          return;
        }
      }
    }
    throw new StrategicMerge.MergeFailure(
        "patch delete: path '"
            + String.join(".", path)
            + "': no item with "
            + key
            + ": "
            + value.asText()
            + " (lookup failed)");
  }

  private static JsonNode walk(ObjectNode root, List<String> path) {
    JsonNode node = root;
    for (String step : path) {
      if (node == null) {
        return null;
      }
      node = node.get(step);
    }
    return node;
  }

  private static boolean isDelete(JsonNode node) {
    return node instanceof ObjectNode o && "delete".equals(o.path("$patch").asText(null));
  }
}
