package dev.ironkube.talos.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.settings.ConfigPatches;
import dev.ironkube.settings.ConfigPatches.Patch;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies the cluster document's machine-config patches to a node's rendered config, in the order
 * they are listed, and checks each step against the Talos release's schema: a problem the patch
 * added fails the render, naming the patch, the node and the path, before anything is sent.
 */
public final class MachineConfigPatcher {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Patch> patches;
  private final SchemaSource schemas;
  private final Consumer<String> warn;
  private final Set<String> warned = new HashSet<>();

  /**
   * @param schemas the schemas of Talos tags (fetched or cached); asked only when a patch applies
   * @param warn where a deprecated field a patch sets is reported, once per patch and field
   */
  public MachineConfigPatcher(List<Patch> patches, SchemaSource schemas, Consumer<String> warn) {
    this.patches = List.copyOf(patches);
    this.schemas = schemas;
    this.warn = warn;
  }

  /** A node as the patches' targets see it. */
  public record NodeKey(String hostname, String pool, boolean controlPlane) {
    /** Pools name hostnames {@code <cluster>-<pool>-<n>}. */
    public static NodeKey of(String cluster, String hostname, boolean controlPlane) {
      String rest =
          hostname.startsWith(cluster + "-") ? hostname.substring(cluster.length() + 1) : hostname;
      int dash = rest.lastIndexOf('-');
      return new NodeKey(hostname, dash > 0 ? rest.substring(0, dash) : rest, controlPlane);
    }
  }

  /** The patches that apply to {@code node}, in order. */
  public List<Patch> forNode(NodeKey node) {
    return patches.stream()
        .filter(p -> p.target().appliesTo(node.hostname(), node.pool(), node.controlPlane()))
        .toList();
  }

  /**
   * A fingerprint of the patches that apply to {@code node}: empty when none do, so a cluster
   * without patches journals what it did before patches existed.
   */
  public String fingerprint(NodeKey node) {
    List<Patch> mine = forNode(node);
    if (mine.isEmpty()) {
      return "";
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Patch p : mine) {
        sha.update(p.kind().name().getBytes(StandardCharsets.UTF_8));
        for (var doc : p.documents()) {
          sha.update(JSON.writeValueAsBytes(doc));
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code config} with the node's patches applied; the same text when none apply. */
  public String apply(String config, String talosTag, NodeKey node) {
    List<Patch> mine = forNode(node);
    if (mine.isEmpty()) {
      return config;
    }
    ConfigSchema schema = schemas.of(talosTag);
    List<ObjectNode> documents = ConfigDocuments.parse(config);
    Set<String> before = problems(schema, documents);
    for (Patch patch : mine) {
      List<ObjectNode> previous = documents.stream().map(ObjectNode::deepCopy).toList();
      try {
        if (patch.kind() == ConfigPatches.Kind.JSON6902) {
          ObjectNode v1 =
              documents.stream().filter(ConfigDocuments::isV1alpha1).findFirst().orElseThrow();
          documents.set(documents.indexOf(v1), JsonPatch.apply(v1, patch.documents().get(0)));
        } else {
          StrategicMerge.apply(documents, patch.documents());
        }
      } catch (StrategicMerge.MergeFailure | JsonPatch.PatchFailure e) {
        throw failed(patch, node, e.getMessage());
      }
      Set<String> after = problems(schema, documents);
      List<String> added =
          deprecatedOnly(
              ConfigSchema.added(before, after), after, previous, documents, talosTag, patch);
      if (!added.isEmpty()) {
        throw failed(
            patch,
            node,
            "the result does not match Talos "
                + talosTag
                + "'s config schema: "
                + String.join("; ", added));
      }
      before = after;
    }
    return ConfigDocuments.write(documents);
  }

  /**
   * The problems left once the fields an older release's schema documents are set aside: Talos
   * still decodes those (deprecated, not removed), so a patch may set them, and is told once.
   * Inside such a field the older schema judges: a misspelt key under a deprecated section still
   * fails.
   */
  private List<String> deprecatedOnly(
      List<String> added,
      Set<String> after,
      List<ObjectNode> previous,
      List<ObjectNode> documents,
      String tag,
      Patch patch) {
    if (after.stream().noneMatch(p -> p.contains(UNKNOWN))) {
      return added;
    }
    Optional<ConfigSchema> older = schemas.documentedBefore(tag);
    if (older.isEmpty()) {
      return added;
    }
    Set<String> olderAfter = problems(older.get(), documents);
    // Sections the release's schema does not know but the older one does: deprecated, still read.
    Set<String> deprecated = new LinkedHashSet<>();
    for (String p : after) {
      if (p.contains(UNKNOWN) && !olderAfter.contains(p)) {
        deprecated.add(field(p));
      }
    }
    List<String> left = new ArrayList<>();
    for (String p : added) {
      if (!p.contains(UNKNOWN) || !deprecated.contains(field(p))) {
        left.add(p);
        continue;
      }
      String note =
          patch.origin()
              + " sets "
              + field(p)
              + ", which Talos "
              + tag
              + " deprecates: it still reads it; its documentation names the config document"
              + " that replaces it";
      if (warned.add(note)) {
        warn.accept(note);
      }
    }
    // Inside a deprecated section the release's schema looks no further: the older one judges.
    for (String o : ConfigSchema.added(problems(older.get(), previous), olderAfter)) {
      String location = location(o);
      boolean inside =
          deprecated.stream().anyMatch(f -> location.equals(f) || location.startsWith(f + "/"));
      if (inside && !left.contains(o)) {
        left.add(o);
      }
    }
    return left;
  }

  /** "v1alpha1 /machine/kubelet: unknown field 'x'" as "/machine/kubelet". */
  private static String location(String problem) {
    int space = problem.indexOf(' ');
    int colon = problem.indexOf(": ", space);
    return problem.substring(space + 1, colon);
  }

  private static final String UNKNOWN = "unknown field '";

  /** "v1alpha1 /machine: unknown field 'sysctls'" as "/machine/sysctls". */
  private static String field(String problem) {
    int space = problem.indexOf(' ');
    int colon = problem.indexOf(": " + UNKNOWN);
    String location = problem.substring(space + 1, colon);
    String name = problem.substring(colon + 2 + UNKNOWN.length(), problem.length() - 1);
    return (location.equals("/") ? "" : location) + "/" + name;
  }

  private static Set<String> problems(ConfigSchema schema, List<ObjectNode> documents) {
    Set<String> out = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    List<String> duplicates = new ArrayList<>();
    for (ObjectNode doc : documents) {
      String id = ConfigDocuments.id(doc);
      if (!seen.add(id)) {
        duplicates.add(id);
      }
      String label = ConfigDocuments.isV1alpha1(doc) ? "v1alpha1" : id;
      for (String p : schema.problems(doc)) {
        out.add(label + " " + p);
      }
    }
    duplicates.forEach(d -> out.add("duplicate document " + d));
    return out;
  }

  private static UserInputException failed(Patch patch, NodeKey node, String why) {
    return new UserInputException(
        "the machine-config patch "
            + patch.origin()
            + " cannot be applied to "
            + node.hostname()
            + ": "
            + why,
        "fix the patch (paths are JSON pointers into the document named first) and run again;"
            + " nothing was sent to the node");
  }
}
