package dev.ironkube.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.store.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Merges a cluster's talosconfig into an existing one. The file is talosctl's (siderolabs/talos
 * v1.13.9 pkg/machinery/client/config/config.go): {@code context} names the current context, {@code
 * contexts} maps names to endpoints, nodes and credentials. talosctl's own {@code config merge}
 * (Config.Merge there) renames a clashing context to "name-1" and always switches to it; here a
 * cluster's context is replaced by name, so running it again refreshes the credentials instead of
 * piling up copies, and the current context only changes when asked or when none is set. Every
 * other context and key is kept. Written 0600, atomically.
 */
final class TalosconfigMerge {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  private TalosconfigMerge() {}

  /** What the merge did, for the user's note. */
  record Result(String context, boolean replaced, String current) {}

  static Result merge(String incoming, Path into, boolean makeCurrent) throws IOException {
    ObjectNode add = object(YAML.readTree(incoming), "the cluster's talosconfig");
    ObjectNode base =
        Files.isRegularFile(into) && Files.size(into) > 0
            ? object(YAML.readTree(Files.readString(into)), into.toString())
            : YAML.createObjectNode().put("context", "");
    ObjectNode target =
        base.path("contexts").isObject()
            ? (ObjectNode) base.get("contexts")
            : base.putObject("contexts");
    boolean replaced = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = add.path("contexts").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      replaced |= target.has(entry.getKey());
      target.set(entry.getKey(), entry.getValue());
    }
    String context = add.path("context").asText("");
    String current = base.path("context").asText("");
    if (makeCurrent || current.isEmpty() || !target.has(current)) {
      base.put("context", context);
      current = context;
    }
    SecureFiles.write(into, YAML.writeValueAsString(base));
    return new Result(context, replaced, current);
  }

  private static ObjectNode object(JsonNode node, String what) {
    if (node instanceof ObjectNode o) {
      return o;
    }
    throw new UserInputException(
        what + " is not a talosconfig (a YAML mapping with 'context' and 'contexts')",
        "pass another --output-file, or move that file away");
  }
}
