package dev.ironkube.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the versioned cluster document (apiVersion ironkube.dev/v1alpha1, kind Cluster) into flat
 * setting paths, reporting every unknown or malformed field with its path instead of stopping at
 * the first.
 */
public final class ClusterDocument {
  /** Made when a document is first read: most commands never read one, and a mapper is slow. */
  private static final class Yaml {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  }

  /** The flat values read and the problems found. */
  public record Parsed(Map<String, String> values, List<Problem> problems) {}

  private ClusterDocument() {}

  public static Parsed read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return new Parsed(
          Map.of(), List.of(new Problem(file.toString(), "file not found; check the -f path")));
    } catch (IOException e) {
      return new Parsed(
          Map.of(), List.of(new Problem(file.toString(), "cannot be read: " + e.getMessage())));
    }
    return parse(text, file.toString());
  }

  public static Parsed parse(String text, String origin) {
    JsonNode root;
    try {
      root = Yaml.YAML.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      return new Parsed(
          Map.of(),
          List.of(
              new Problem(origin, "is not valid YAML" + where + ": " + e.getOriginalMessage())));
    }
    List<Problem> problems = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new Parsed(values, problems);
    }
    if (!root.isObject()) {
      problems.add(new Problem(origin, "must be a mapping with apiVersion, kind, metadata, spec"));
      return new Parsed(values, problems);
    }
    checkHeader(root, problems);
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      switch (field.getKey()) {
        case "apiVersion", "kind" -> {}
        case "metadata", "spec" -> flatten(field.getKey(), field.getValue(), values, problems);
        default -> problems.add(unknown(field.getKey()));
      }
    }
    return new Parsed(values, problems);
  }

  private static void checkHeader(JsonNode root, List<Problem> problems) {
    String apiVersion = root.path("apiVersion").asText("");
    if (!SettingsCatalogue.API_VERSION.equals(apiVersion)) {
      problems.add(
          new Problem(
              "apiVersion",
              (apiVersion.isEmpty() ? "is missing" : "'" + apiVersion + "' is not supported")
                  + "; use apiVersion: "
                  + SettingsCatalogue.API_VERSION));
    }
    String kind = root.path("kind").asText("");
    if (!SettingsCatalogue.KIND.equals(kind)) {
      problems.add(
          new Problem(
              "kind",
              (kind.isEmpty() ? "is missing" : "'" + kind + "' is not supported")
                  + "; use kind: "
                  + SettingsCatalogue.KIND));
    }
  }

  private static void flatten(
      String path, JsonNode node, Map<String, String> values, List<Problem> problems) {
    var def = SettingsCatalogue.find(path);
    if (def.isPresent()) {
      if (def.get().secret()) {
        problems.add(
            new Problem(
                path,
                "secrets do not belong in the cluster document; set "
                    + def.get().env()
                    + " or use the credential store"));
        return;
      }
      readLeaf(path, node, def.get(), values, problems);
      return;
    }
    if (path.startsWith(SettingsCatalogue.PLATFORM_PREFIX)) {
      readOpen(path, node, values);
      return;
    }
    if (!node.isObject() || !isPrefixOfKnown(path)) {
      problems.add(unknown(path));
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      flatten(path + "." + field.getKey(), field.getValue(), values, problems);
    }
  }

  private static void readLeaf(
      String path,
      JsonNode node,
      SettingDef def,
      Map<String, String> values,
      List<Problem> problems) {
    if (node.isNull()) {
      return;
    }
    if (def.type() == SettingDef.Type.STRUCTURED) {
      try {
        values.put(path, Yaml.YAML.writeValueAsString(node));
      } catch (JsonProcessingException e) {
        problems.add(new Problem(path, "cannot be read: " + e.getOriginalMessage()));
      }
      return;
    }
    if (def.isList()) {
      if (!node.isArray()) {
        problems.add(new Problem(path, "must be a list"));
        return;
      }
      List<String> items = new ArrayList<>();
      for (JsonNode item : node) {
        if (!item.isValueNode()) {
          problems.add(new Problem(path, "must be a list of plain values"));
          return;
        }
        items.add(item.asText());
      }
      values.put(path, String.join(",", items));
      return;
    }
    if (!node.isValueNode()) {
      problems.add(new Problem(path, "must be a single value, not a " + describe(node)));
      return;
    }
    values.put(path, node.asText());
  }

  /** Platform keys: plain values kept, chart values kept as YAML text for the chart. */
  private static void readOpen(String path, JsonNode node, Map<String, String> values) {
    if (node.isValueNode()) {
      values.put(path, node.asText());
    } else if (path.endsWith(".values") || node.isArray()) {
      try {
        values.put(path, Yaml.YAML.writeValueAsString(node));
      } catch (JsonProcessingException e) {
        values.put(path, node.toString());
      }
    } else {
      node.fields().forEachRemaining(f -> readOpen(path + "." + f.getKey(), f.getValue(), values));
    }
  }

  private static String describe(JsonNode node) {
    return node.isArray() ? "list" : "mapping";
  }

  private static boolean isPrefixOfKnown(String path) {
    if (path.equals("spec.platform")) {
      return true;
    }
    String prefix = path + ".";
    return SettingsCatalogue.all().stream().anyMatch(d -> d.path().startsWith(prefix));
  }

  private static Problem unknown(String path) {
    String suggestion = Suggestions.closest(path);
    return new Problem(
        path,
        "unknown field"
            + (suggestion == null ? "" : "; did you mean " + suggestion + "?")
            + " (ironkube config show lists every setting)");
  }
}
