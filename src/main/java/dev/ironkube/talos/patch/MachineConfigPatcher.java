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
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies the cluster document's machine-config patches to a node's rendered config, in the order
 * they are listed, and checks each step against the Talos release's schema: a problem the patch
 * added fails the render, naming the patch, the node and the path, before anything is sent.
 */
public final class MachineConfigPatcher {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Patch> patches;
  private final Function<String, ConfigSchema> schemas;

  /**
   * @param schemas the schema of a Talos tag (fetched or cached); asked only when a patch applies
   */
  public MachineConfigPatcher(List<Patch> patches, Function<String, ConfigSchema> schemas) {
    this.patches = List.copyOf(patches);
    this.schemas = schemas;
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
    ConfigSchema schema = schemas.apply(talosTag);
    List<ObjectNode> documents = ConfigDocuments.parse(config);
    Set<String> before = problems(schema, documents);
    for (Patch patch : mine) {
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
      List<String> added = ConfigSchema.added(before, after);
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
