package dev.ironkube.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.ironkube.store.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Merges one kubeconfig into another the way `kubectl config` would: clusters, users and contexts
 * replaced by name, the new context made current, everything else kept; written 0600.
 */
final class KubeconfigMerge {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  private KubeconfigMerge() {}

  /** Returns the context that is now current. */
  static String merge(String incoming, Path into) throws IOException {
    ObjectNode add = (ObjectNode) YAML.readTree(incoming);
    ObjectNode base =
        Files.isRegularFile(into) && Files.size(into) > 0
            ? (ObjectNode) YAML.readTree(Files.readString(into))
            : YAML.createObjectNode().put("apiVersion", "v1").put("kind", "Config");
    for (String section : new String[] {"clusters", "users", "contexts"}) {
      ArrayNode target =
          base.has(section) && base.get(section).isArray()
              ? (ArrayNode) base.get(section)
              : base.putArray(section);
      for (JsonNode entry : add.path(section)) {
        String name = entry.path("name").asText();
        for (int i = target.size() - 1; i >= 0; i--) {
          if (name.equals(target.get(i).path("name").asText())) {
            target.remove(i);
          }
        }
        target.add(entry);
      }
    }
    String context =
        add.path("current-context").asText(add.path("contexts").path(0).path("name").asText());
    base.put("current-context", context);
    SecureFiles.write(into, YAML.writeValueAsString(base));
    return context;
  }
}
