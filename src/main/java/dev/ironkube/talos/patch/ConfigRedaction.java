package dev.ironkube.talos.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A machine config with its secrets blanked, for a diff a user reads: the keys and tokens of the
 * v1alpha1 document and every inline manifest's contents (later phases put Kubernetes Secrets
 * there). Each blanked value carries a short digest of itself, so a diff still shows that a secret
 * changed without showing it; the values blanked are long random keys and tokens, which a digest
 * prefix does not help to guess.
 */
public final class ConfigRedaction {
  private static final List<String> SECRET_POINTERS =
      List.of(
          "/machine/token",
          "/machine/ca/key",
          "/cluster/secret",
          "/cluster/token",
          "/cluster/secretboxEncryptionSecret",
          "/cluster/aescbcEncryptionSecret",
          "/cluster/ca/key",
          "/cluster/aggregatorCA/key",
          "/cluster/serviceAccount/key",
          "/cluster/etcd/ca/key",
          "/machine/acceptedCAs/key");

  private ConfigRedaction() {}

  /** The config's documents, normalised (one serialiser for both sides of a diff) and redacted. */
  public static String redact(String config) {
    List<ObjectNode> documents = ConfigDocuments.parse(config);
    for (ObjectNode doc : documents) {
      if (!ConfigDocuments.isV1alpha1(doc)) {
        continue;
      }
      for (String pointer : SECRET_POINTERS) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = doc.at(pointer.substring(0, cut));
        String leaf = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode object
            && object.get(leaf) != null
            && object.get(leaf).isTextual()
            && !object.get(leaf).asText().isEmpty()) {
          object.put(leaf, blank(object.get(leaf).asText()));
        }
      }
      for (JsonNode manifest : doc.at("/cluster/inlineManifests")) {
        if (manifest instanceof ObjectNode m && m.hasNonNull("contents")) {
          m.put("contents", blank(m.get("contents").asText()));
        }
      }
    }
    return ConfigDocuments.write(documents);
  }

  private static String blank(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return "<redacted " + HexFormat.of().formatHex(digest, 0, 4) + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
