package dev.ironkube.talos.patch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A machine config as Talos reads it: a stream of YAML documents, the v1alpha1 document (no
 * apiVersion or kind) and any number of typed ones, each known by apiVersion, kind and, for named
 * kinds, name (siderolabs/talos v1.13.9 pkg/machinery/config/configpatcher/strategic.go,
 * documentID).
 */
final class ConfigDocuments {
  static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
              .build());

  private ConfigDocuments() {}

  static List<ObjectNode> parse(String yaml) {
    List<ObjectNode> out = new ArrayList<>();
    try (JsonParser parser = YAML.getFactory().createParser(yaml);
        MappingIterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc instanceof ObjectNode object) {
          out.add(object);
        } else if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          throw new IllegalArgumentException("a machine config document is not a mapping");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static String write(List<ObjectNode> documents) {
    StringBuilder out = new StringBuilder();
    for (ObjectNode doc : documents) {
      try {
        String text = YAML.writeValueAsString(doc);
        out.append(text.startsWith("---") ? text : "---\n" + text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out.toString();
  }

  /** apiVersion/kind[/name]; the v1alpha1 document has neither apiVersion nor kind. */
  static String id(JsonNode doc) {
    String apiVersion = doc.path("apiVersion").asText("");
    String kind = doc.path("kind").asText("");
    if (kind.isEmpty()) {
      kind = "v1alpha1";
    }
    String id = apiVersion + "/" + kind;
    return doc.hasNonNull("name") && !apiVersion.isEmpty()
        ? id + "/" + doc.get("name").asText()
        : id;
  }

  static String kind(JsonNode doc) {
    return doc.path("kind").asText("v1alpha1");
  }

  static boolean isV1alpha1(JsonNode doc) {
    return doc.path("apiVersion").asText("").isEmpty() && doc.path("kind").asText("").isEmpty();
  }
}
