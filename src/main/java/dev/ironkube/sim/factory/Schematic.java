package dev.ironkube.sim.factory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An Image Factory schematic and its id: the SHA-256 of its canonical YAML. The canonical form
 * follows the factory's own marshalling (Go yaml.v3: fields in struct order, 4-space indent, empty
 * customization as {@code customization: {}}), so the vanilla schematic gets the real well-known
 * id; for richer schematics the id is stable but may differ from the real factory's.
 */
public final class Schematic {
  /** The id of the schematic with no customization, the same on the real factory. */
  public static final String VANILLA_ID =
      "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba";

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Map<String, List<String>> FIELDS =
      Map.of(
          "",
          List.of("customization", "overlay"),
          "customization",
          List.of(
              "extraKernelArgs",
              "meta",
              "systemExtensions",
              "secureboot",
              "bootloader",
              "embeddedMachineConfiguration",
              "diskImage"),
          "customization.systemExtensions",
          List.of("officialExtensions"),
          "customization.secureboot",
          List.of("includeWellKnownCertificates"),
          "customization.diskImage",
          List.of("sectorSize"),
          "overlay",
          List.of("image", "name", "options"));

  private final String canonical;
  private final JsonNode tree;

  private Schematic(JsonNode tree) {
    this.tree = tree;
    this.canonical = emit(tree);
  }

  /**
   * Parses a posted body (YAML, or JSON as a subset); rejects unknown fields as the factory does.
   */
  public static Schematic parse(byte[] body) throws InvalidSchematicException {
    JsonNode tree;
    try {
      tree = body.length == 0 ? YAML.createObjectNode() : YAML.readTree(body);
    } catch (IOException e) {
      throw new InvalidSchematicException("yaml: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (tree == null || tree.isNull() || tree.isMissingNode()) {
      tree = YAML.createObjectNode();
    }
    if (!tree.isObject()) {
      throw new InvalidSchematicException("yaml: cannot unmarshal into schematic.Schematic");
    }
    check(tree, "");
    return new Schematic(tree);
  }

  public String id() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  public String canonicalYaml() {
    return canonical;
  }

  /** Kernel arguments the schematic adds to the command line. */
  public List<String> extraKernelArgs() {
    List<String> args = new ArrayList<>();
    tree.path("customization").path("extraKernelArgs").forEach(a -> args.add(a.asText()));
    return args;
  }

  public boolean secureBoot() {
    return tree.path("customization").has("secureboot");
  }

  private static void check(JsonNode node, String path) throws InvalidSchematicException {
    List<String> allowed = FIELDS.get(path);
    if (allowed == null || !node.isObject()) {
      return;
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new InvalidSchematicException(
            "yaml: unmarshal errors:\n  field " + name + " not found in type " + type(path));
      }
      check(node.get(name), path.isEmpty() ? name : path + "." + name);
    }
  }

  private static String type(String path) {
    return path.isEmpty() ? "schematic.Schematic" : "schematic." + path;
  }

  private static String emit(JsonNode tree) {
    ObjectNode ordered = YAML.createObjectNode();
    JsonNode customization = tree.path("customization");
    ordered.set(
        "customization", customization.isObject() ? customization : YAML.createObjectNode());
    if (tree.has("overlay")) {
      ordered.set("overlay", tree.get("overlay"));
    }
    StringBuilder out = new StringBuilder();
    CanonicalYaml.mapping(out, ordered, "", FIELDS);
    return out.toString();
  }

  /** A schematic the factory refuses, with the factory's message. */
  public static final class InvalidSchematicException extends Exception {
    public InvalidSchematicException(String message) {
      super(message);
    }
  }
}
