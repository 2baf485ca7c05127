package dev.ironkube.talos.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 JSON patch operations on one document, with RFC 6901 pointers. Talos applies them to the
 * whole config with evanphx/json-patch and refuses a multi-document config (v1.13.9
 * pkg/machinery/config/configpatcher/json6902.go); ironkube's configs always carry firewall
 * documents, so here the operations address the v1alpha1 document, which is what a JSON patch for
 * talosctl is written against.
 */
final class JsonPatch {
  /** An operation that cannot be applied; the message names the operation and the path. */
  static final class PatchFailure extends RuntimeException {
    PatchFailure(String message) {
      super(message);
    }
  }

  private JsonPatch() {}

  /** Applies every operation in order to {@code doc}; an operation that fails leaves it as is. */
  static ObjectNode apply(ObjectNode doc, JsonNode operations) {
    ObjectNode work = doc.deepCopy();
    for (int i = 0; i < operations.size(); i++) {
      JsonNode op = operations.get(i);
      String name = op.path("op").asText();
      String path = op.path("path").asText();
      try {
        switch (name) {
          case "add" -> add(work, path, op.get("value").deepCopy());
          case "remove" -> remove(work, path);
          case "replace" -> {
            remove(work, path);
            add(work, path, op.get("value").deepCopy());
          }
          case "move" -> {
            String from = op.path("from").asText();
            if (path.startsWith(from + "/")) {
              throw new PatchFailure("cannot move " + from + " into its own child");
            }
            JsonNode value = get(work, from);
            remove(work, from);
            add(work, path, value);
          }
          case "copy" -> add(work, path, get(work, op.path("from").asText()).deepCopy());
          case "test" -> {
            if (!get(work, path).equals(op.get("value"))) {
              throw new PatchFailure("testing value " + path + " failed");
            }
          }
          default -> throw new PatchFailure("unexpected operation " + name);
        }
      } catch (PatchFailure e) {
        throw new PatchFailure(
            "operation " + i + " (" + name + " " + path + "): " + e.getMessage());
      }
    }
    return work;
  }

  private static void add(ObjectNode root, String pointer, JsonNode value) {
    if (pointer.isEmpty()) {
      throw new PatchFailure("replacing the whole document is not supported");
    }
    List<String> tokens = tokens(pointer);
    JsonNode parent = resolve(root, tokens.subList(0, tokens.size() - 1), pointer);
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else if (parent instanceof ArrayNode array) {
      if (last.equals("-")) {
        array.add(value);
      } else {
        int index = index(last, array.size(), pointer);
        array.insert(index, value);
      }
    } else {
      throw new PatchFailure("the parent of " + pointer + " is not a mapping or a list");
    }
  }

  private static void remove(ObjectNode root, String pointer) {
    if (pointer.isEmpty()) {
      throw new PatchFailure("removing the whole document is not supported");
    }
    List<String> tokens = tokens(pointer);
    JsonNode parent = resolve(root, tokens.subList(0, tokens.size() - 1), pointer);
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof ObjectNode object && object.has(last)) {
      object.remove(last);
    } else if (parent instanceof ArrayNode array && !last.equals("-")) {
      array.remove(index(last, array.size() - 1, pointer));
    } else {
      throw new PatchFailure("missing value at " + pointer);
    }
  }

  private static JsonNode get(ObjectNode root, String pointer) {
    return resolve(root, tokens(pointer), pointer);
  }

  private static JsonNode resolve(JsonNode root, List<String> tokens, String pointer) {
    JsonNode node = root;
    for (String token : tokens) {
      if (node instanceof ObjectNode object && object.has(token)) {
        node = object.get(token);
      } else if (node instanceof ArrayNode array && !token.equals("-")) {
        node = array.get(index(token, array.size() - 1, pointer));
      } else {
        throw new PatchFailure("missing value at " + pointer + " (no '" + token + "')");
      }
    }
    return node;
  }

  /** A list index: digits without a leading zero, at most {@code max}. */
  private static int index(String token, int max, String pointer) {
    if (!token.matches("0|[1-9][0-9]{0,8}")) {
      throw new PatchFailure("'" + token + "' in " + pointer + " is not a list index");
    }
    int index = Integer.parseInt(token);
    if (index > max) {
      throw new PatchFailure("index " + index + " in " + pointer + " is out of range");
    }
    return index;
  }

  /** RFC 6901: split on '/', then ~1 is '/' and ~0 is '~'. */
  static List<String> tokens(String pointer) {
    if (!pointer.startsWith("/")) {
      throw new PatchFailure("'" + pointer + "' is not a JSON pointer (it starts with /)");
    }
    List<String> out = new ArrayList<>();
    for (String raw : pointer.substring(1).split("/", -1)) {
      out.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }
}
