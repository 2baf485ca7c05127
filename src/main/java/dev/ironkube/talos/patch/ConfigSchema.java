package dev.ironkube.talos.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Talos release's machine-config JSON schema (pkg/machinery/config/schemas/config.schema.json at
 * the release's tag: draft 2020-12, a oneOf over every document kind, each closed with
 * additionalProperties false). A document is checked against its own kind's definition (the one
 * whose {@code kind} enum names it; {@code v1alpha1.Config} for the document without a kind), so a
 * problem is reported once, at its path, instead of once per kind of the oneOf.
 *
 * <p>The schema is stricter than Talos for deprecated fields and does not know cross-field rules;
 * callers use it as a lint of what a patch adds, comparing the patched config's problems with the
 * unpatched one's.
 */
public final class ConfigSchema {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LEGACY = "v1alpha1.Config";

  private final ObjectNode root;
  private final Map<String, String> definitionOfKind = new HashMap<>();
  private final Map<String, Schema> schemas = new HashMap<>();

  public ConfigSchema(String json) {
    try {
      root = (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalArgumentException("the Talos config schema is not a JSON object", e);
    }
    Iterator<Map.Entry<String, JsonNode>> defs = root.path("$defs").fields();
    while (defs.hasNext()) {
      Map.Entry<String, JsonNode> def = defs.next();
      for (JsonNode kind : def.getValue().path("properties").path("kind").path("enum")) {
        definitionOfKind.put(kind.asText(), def.getKey());
      }
    }
    if (!root.path("$defs").has(LEGACY)) {
      throw new IllegalArgumentException("the Talos config schema has no " + LEGACY);
    }
  }

  /** Every problem of one document as "pointer: what"; an unknown kind is one problem. */
  Set<String> problems(JsonNode document) {
    Set<String> out = new LinkedHashSet<>();
    String kind = ConfigDocuments.kind(document);
    String definition = ConfigDocuments.isV1alpha1(document) ? LEGACY : definitionOfKind.get(kind);
    if (definition == null) {
      out.add("/kind: '" + kind + "' is not a document kind of this Talos release");
      return out;
    }
    for (Error e : schema(definition).validate(document)) {
      out.add(describe(e));
    }
    return out;
  }

  private synchronized Schema schema(String definition) {
    return schemas.computeIfAbsent(
        definition,
        d -> {
          ObjectNode one = root.deepCopy();
          one.remove("oneOf");
          one.put("$ref", "#/$defs/" + d);
          // A registry of its own: registries cache schemas by $id, which every copy shares.
          return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(one);
        });
  }

  private static String describe(Error e) {
    String location = pointer(e.getInstanceLocation().toString());
    String what =
        switch (e.getKeyword()) {
          case "additionalProperties", "unevaluatedProperties" ->
              "unknown field '" + e.getProperty() + "'";
          case "required" -> "misses the required field '" + e.getProperty() + "'";
          case "type" -> "has the wrong type: " + e.getMessage().replaceFirst("^[^:]*: ", "");
          case "enum" -> "is not one of the allowed values";
          case "pattern" -> "does not have the expected format";
          default -> "fails the schema's " + e.getKeyword();
        };
    return location + ": " + what;
  }

  /** "$.machine.sysctls" or "/machine/sysctls" as a JSON pointer. */
  static String pointer(String location) {
    if (location.startsWith("/")) {
      return location;
    }
    String path = location.replaceFirst("^\\$", "");
    if (path.isEmpty()) {
      return "/";
    }
    return path.replaceAll("\\[(\\d+)]", ".$1")
        .replaceAll("\\['([^']*)']", ".$1")
        .replace('.', '/');
  }

  /** Problems in {@code after} and not in {@code before}. */
  static List<String> added(Set<String> before, Set<String> after) {
    return after.stream().filter(p -> !before.contains(p)).toList();
  }
}
