package dev.ironkube.sim.scaleway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * IAM {@code /iam/v1alpha1/ssh-keys}: list (by project, name, disabled; paginated 1–100, default
 * 20), create, get, delete (204). The name filter matches substrings, so clients must compare names
 * themselves.
 */
final class SshKeyRoutes {
  private final ScalewayState state;
  private final ScalewayOptions options;
  private final ScwIds ids;

  SshKeyRoutes(ScalewayState state, ScalewayOptions options, ScwIds ids) {
    this.state = state;
    this.options = options;
    this.ids = ids;
  }

  ScwReply list(ScwRequest request) {
    ScwPage page = ScwPage.of(request, 20);
    if (page == null) {
      return ScwPage.invalid();
    }
    String project = request.query("project_id");
    String name = request.query("name");
    String disabled = request.query("disabled");
    List<ObjectNode> all =
        state.sshKeys.values().stream()
            .filter(k -> project == null || project.isEmpty() || k.projectId().equals(project))
            .filter(k -> name == null || k.name().contains(name))
            .filter(k -> disabled == null || Boolean.parseBoolean(disabled) == k.disabled())
            .map(this::json)
            .toList();
    return ScwReply.ok(ScwJson.list("ssh_keys", page.slice(all), all.size()));
  }

  ScwReply create(ScwRequest request) {
    JsonNode body = request.json();
    String name = ScwJson.text(body, "name");
    String publicKey = ScwJson.text(body, "public_key");
    String project = ScwJson.text(body, "project_id");
    if (publicKey == null) {
      return ScwJson.invalid("public_key", "required", "public_key is required");
    }
    if (project != null && !project.equals(options.projectId())) {
      return ScwJson.permissionDenied("ssh_key", "write");
    }
    String[] parts = publicKey.trim().split("\\s+");
    if (parts.length < 2 || !parts[0].matches("ssh-[a-z0-9-]+|ecdsa-sha2-[a-z0-9-]+")) {
      return ScwJson.invalid("public_key", "format", "public_key is not a valid SSH key");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      return ScwJson.invalid("public_key", "format", "public_key is not a valid SSH key");
    }
    SshKeyRecord key =
        new SshKeyRecord(
            ids.uuid(),
            name == null ? "" : name,
            parts[0] + " " + parts[1],
            fingerprint(blob, parts[0]),
            options.projectId(),
            ScwJson.now(),
            false);
    state.sshKeys.put(key.id(), key);
    return ScwReply.ok(json(key));
  }

  ScwReply get(ScwRequest request) {
    SshKeyRecord key = state.sshKeys.get(request.param("ssh_key_id"));
    return key == null
        ? ScwJson.iamNotFound("ssh_key", request.param("ssh_key_id"))
        : ScwReply.ok(json(key));
  }

  ScwReply delete(ScwRequest request) {
    SshKeyRecord key = state.sshKeys.remove(request.param("ssh_key_id"));
    return key == null
        ? ScwJson.iamNotFound("ssh_key", request.param("ssh_key_id"))
        : ScwReply.noContent();
  }

  private ObjectNode json(SshKeyRecord key) {
    ObjectNode node = ScwJson.object();
    node.put("id", key.id());
    node.put("name", key.name());
    node.put("public_key", key.publicKey());
    node.put("fingerprint", key.fingerprint());
    node.put("created_at", key.createdAt());
    node.put("updated_at", key.createdAt());
    node.put("organization_id", options.organizationId());
    node.put("project_id", key.projectId());
    node.put("disabled", key.disabled());
    return node;
  }

  /** "256 MD5:6b:cd:… (ssh-ed25519)", as recorded; the bit count is nominal here. */
  private static String fingerprint(byte[] blob, String type) {
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(blob);
      String hex = HexFormat.ofDelimiter(":").formatHex(md5);
      int bits = type.equals("ssh-rsa") ? 4096 : 256;
      return bits + " MD5:" + hex + " (" + type + ")";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
