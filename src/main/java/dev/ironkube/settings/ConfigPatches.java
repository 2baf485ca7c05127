package dev.ironkube.settings;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine-config patches of the cluster document ({@code spec.talos.patches}), in the two forms
 * talosctl's {@code --config-patch} and talhelper accept: a strategic-merge patch (a partial
 * machine config, possibly several documents, with {@code $patch: delete} to remove a key) and an
 * RFC 6902 JSON patch (a list of operations). Each entry targets every node, one role, one pool or
 * one node:
 *
 * <pre>
 * spec:
 *   talos:
 *     patches:
 *       - patch: {machine: {sysctls: {vm.max_map_count: "262144"}}}     # every node
 *       - target: pool/workers
 *         patch:
 *           - {op: add, path: /machine/nodeLabels/tier, value: batch}
 *       - {target: node/demo-cp-1, file: patches/cp1.yaml}
 *       - "@patches/common.yaml"                                        # as talosctl's @file
 * </pre>
 *
 * This class reads and checks the entries; applying them to a rendered config is the Talos stage's
 * work, after which the result is checked against the Talos release's schema.
 */
public final class ConfigPatches {
  /** Made when a document is first read: most commands never read one, and a mapper is slow. */
  private static final class Yaml {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  }

  private static final Set<String> FIELDS = Set.of("target", "patch", "file", "name");
  private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");
  private static final Pattern TARGET =
      Pattern.compile("all|controlplanes|workers|pool/([a-z][a-z0-9]{0,6})|node/([a-z0-9-]+)");

  /** How a patch changes a config. */
  public enum Kind {
    /** A partial config merged into the documents it names (Talos' strategic merge). */
    STRATEGIC_MERGE,
    /** RFC 6902 operations on the v1alpha1 document. */
    JSON6902
  }

  /** Which nodes a patch applies to. */
  public record Target(String text) {
    public static final Target ALL = new Target("all");

    /** Whether the patch applies to a node of this pool and role with this hostname. */
    public boolean appliesTo(String hostname, String pool, boolean controlPlane) {
      return switch (text) {
        case "all" -> true;
        case "controlplanes" -> controlPlane;
        case "workers" -> !controlPlane;
        default ->
            text.startsWith("pool/")
                ? text.substring(5).equals(pool)
                : text.substring(5).equals(hostname);
      };
    }
  }

  /**
   * One patch as written.
   *
   * @param origin where it was written, for errors: {@code spec.talos.patches[1]} or with the file
   * @param documents the patch's YAML documents (one list for a JSON patch)
   */
  public record Patch(String origin, Target target, Kind kind, List<JsonNode> documents) {
    public Patch {
      documents = List.copyOf(documents);
    }
  }

  private ConfigPatches() {}

  /**
   * The patches the settings list, in order; call {@link #problems} first. Targets are not checked
   * against the pools here: a cluster's nodes may come from its journal rather than the settings.
   */
  public static List<Patch> of(Settings settings) {
    List<Problem> problems = new ArrayList<>();
    List<Patch> patches = read(settings, List.of(), problems);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid patches: " + problems);
    }
    return patches;
  }

  /** Every problem with the patches, with its path: form, target, file, operations. */
  public static List<Problem> problems(Settings settings) {
    return problems(settings, poolNames(settings));
  }

  /** The same, with targets checked against these pools (the pools a built cluster has). */
  public static List<Problem> problems(Settings settings, List<String> pools) {
    List<Problem> problems = new ArrayList<>();
    read(settings, pools, problems);
    return problems;
  }

  private static List<Patch> read(Settings settings, List<String> pools, List<Problem> problems) {
    Optional<String> listed = settings.get(SettingsCatalogue.PATCHES);
    if (listed.isEmpty()) {
      return List.of();
    }
    JsonNode root;
    try {
      root = Yaml.YAML.readTree(listed.get());
    } catch (JsonProcessingException e) {
      problems.add(
          new Problem(SettingsCatalogue.PATCHES, "is not valid YAML: " + e.getOriginalMessage()));
      return List.of();
    }
    if (root == null || root.isNull()) {
      return List.of();
    }
    if (!root.isArray()) {
      problems.add(
          new Problem(
              SettingsCatalogue.PATCHES,
              "must be a list of patches like {target: workers, patch: {machine: {...}}}"));
      return List.of();
    }
    List<Patch> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      String at = SettingsCatalogue.PATCHES + "[" + i + "]";
      entry(at, root.get(i), settings, pools, problems).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<Patch> entry(
      String at, JsonNode node, Settings settings, List<String> pools, List<Problem> problems) {
    if (node.isTextual()) {
      String text = node.asText();
      return text.startsWith("@")
          ? fromFile(at, Target.ALL, Path.of(text.substring(1)), problems)
          : fromText(at, Target.ALL, text, at, problems);
    }
    if (!node.isObject()) {
      problems.add(
          new Problem(at, "must be a mapping {target, patch | file} or a string (\"@file\")"));
      return Optional.empty();
    }
    Iterator<String> keys = node.fieldNames();
    while (keys.hasNext()) {
      String key = keys.next();
      if (!FIELDS.contains(key)) {
        problems.add(
            new Problem(
                at + "." + key, "unknown field; a patch has target, patch or file, and name"));
      }
    }
    Optional<Target> target = target(at, node.path("target"), settings, pools, problems);
    if (target.isEmpty()) {
      return Optional.empty();
    }
    String label = node.hasNonNull("name") ? at + " (" + node.get("name").asText() + ")" : at;
    boolean inline = node.hasNonNull("patch");
    boolean file = node.hasNonNull("file");
    if (inline == file) {
      problems.add(new Problem(at, "set exactly one of patch (inline) and file (a path)"));
      return Optional.empty();
    }
    if (file) {
      return fromFile(label, target.get(), Path.of(node.get("file").asText()), problems);
    }
    JsonNode body = node.get("patch");
    if (body.isTextual()) {
      return fromText(label, target.get(), body.asText(), at + ".patch", problems);
    }
    return classify(label, target.get(), List.of(body), at + ".patch", problems);
  }

  private static Optional<Target> target(
      String at, JsonNode node, Settings settings, List<String> pools, List<Problem> problems) {
    if (node.isMissingNode() || node.isNull()) {
      return Optional.of(Target.ALL);
    }
    String text = node.asText();
    Matcher m = TARGET.matcher(text);
    if (!m.matches()) {
      problems.add(
          new Problem(
              at + ".target",
              "'"
                  + text
                  + "' is not a target; use all, controlplanes, workers, pool/<pool> or"
                  + " node/<hostname>"));
      return Optional.empty();
    }
    if (m.group(1) != null && !pools.isEmpty() && !pools.contains(m.group(1))) {
      problems.add(
          new Problem(
              at + ".target",
              "no pool named '" + m.group(1) + "'; the pools are " + String.join(", ", pools)));
      return Optional.empty();
    }
    if (m.group(2) != null && !pools.isEmpty()) {
      String prefix = settings.get(SettingsCatalogue.NAME_PATH).map(n -> n + "-").orElse("");
      Matcher host =
          Pattern.compile(Pattern.quote(prefix) + "([a-z0-9]+)-[1-9][0-9]*").matcher(m.group(2));
      if (!host.matches() || !pools.contains(host.group(1))) {
        problems.add(
            new Problem(
                at + ".target",
                "'"
                    + m.group(2)
                    + "' is not a node of this cluster; nodes are named "
                    + prefix
                    + "<pool>-<n> (pools: "
                    + String.join(", ", pools)
                    + ")"));
        return Optional.empty();
      }
    }
    return Optional.of(new Target(text));
  }

  private static Optional<Patch> fromFile(
      String label, Target target, Path file, List<Problem> problems) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      problems.add(new Problem(label, "the patch file " + file.toAbsolutePath() + " is missing"));
      return Optional.empty();
    } catch (IOException e) {
      problems.add(new Problem(label, "the patch file " + file + " cannot be read: " + e));
      return Optional.empty();
    }
    return fromText(label + " (" + file + ")", target, text, label, problems);
  }

  private static Optional<Patch> fromText(
      String label, Target target, String text, String at, List<Problem> problems) {
    List<JsonNode> documents = new ArrayList<>();
    try (JsonParser parser = Yaml.YAML.getFactory().createParser(text);
        MappingIterator<JsonNode> docs = Yaml.YAML.readValues(parser, JsonNode.class)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          documents.add(doc);
        }
      }
    } catch (IOException | RuntimeException e) {
      problems.add(new Problem(at, "is not valid YAML: " + firstLine(e.getMessage())));
      return Optional.empty();
    }
    if (documents.isEmpty()) {
      problems.add(new Problem(at, "is empty"));
      return Optional.empty();
    }
    return classify(label, target, documents, at, problems);
  }

  /** A list is a JSON patch, mappings are a strategic merge, as talosctl's LoadPatch decides. */
  private static Optional<Patch> classify(
      String label, Target target, List<JsonNode> documents, String at, List<Problem> problems) {
    if (documents.size() == 1 && documents.get(0).isArray()) {
      JsonNode ops = documents.get(0);
      int before = problems.size();
      for (int i = 0; i < ops.size(); i++) {
        operation(at + "[" + i + "]", ops.get(i), problems);
      }
      return problems.size() == before
          ? Optional.of(new Patch(label, target, Kind.JSON6902, documents))
          : Optional.empty();
    }
    for (JsonNode doc : documents) {
      if (!doc.isObject()) {
        problems.add(
            new Problem(
                at,
                "must be a partial machine config (a mapping) or a list of JSON patch operations"));
        return Optional.empty();
      }
    }
    return Optional.of(new Patch(label, target, Kind.STRATEGIC_MERGE, documents));
  }

  private static void operation(String at, JsonNode op, List<Problem> problems) {
    if (!op.isObject()) {
      problems.add(new Problem(at, "a JSON patch operation is a mapping {op, path, value}"));
      return;
    }
    String name = op.path("op").asText("");
    if (!OPS.contains(name)) {
      problems.add(
          new Problem(
              at + ".op",
              (name.isEmpty() ? "is missing" : "'" + name + "' is not an RFC 6902 operation")
                  + "; use add, remove, replace, move, copy or test"));
      return;
    }
    if (!op.path("path").isTextual()
        || !(op.get("path").asText().isEmpty() || op.get("path").asText().startsWith("/"))) {
      problems.add(new Problem(at + ".path", "must be a JSON pointer like /machine/sysctls"));
    }
    if (Set.of("add", "replace", "test").contains(name) && !op.has("value")) {
      problems.add(new Problem(at + ".value", "is required by '" + name + "'"));
    }
    if (Set.of("move", "copy").contains(name) && !op.path("from").isTextual()) {
      problems.add(new Problem(at + ".from", "is required by '" + name + "'"));
    }
  }

  private static List<String> poolNames(Settings settings) {
    if (!NodePools.problems(settings).isEmpty()) {
      return List.of();
    }
    return NodePools.of(settings).stream().map(NodePools.Pool::name).toList();
  }

  private static String firstLine(String message) {
    return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
  }
}
