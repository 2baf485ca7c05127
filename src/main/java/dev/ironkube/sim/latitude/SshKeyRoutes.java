package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * {@code /ssh_keys}, the team-level keys with an optional project: list (filter by project),
 * create, get, and delete, which answers 200 {@code {"meta":{}}} as recorded rather than 204.
 */
final class SshKeyRoutes {
  private final LatitudeState state;
  private final Ids ids;

  SshKeyRoutes(LatitudeState state, Ids ids) {
    this.state = state;
    this.ids = ids;
  }

  Reply list(LatitudeRequest request) {
    return ProjectScoped.list(
        request, state, state.sshKeys.values(), SshKeyRecord::projectId, SshKeyRoutes::toJson);
  }

  Reply create(LatitudeRequest request) {
    JsonNode body = request.json();
    if (body == null) {
      return Reply.of(400, JsonApi.error("BAD_REQUEST", "400", "Bad Request", "invalid JSON"));
    }
    ObjectNode attributes = JsonApi.attributes(body);
    String name = JsonApi.text(attributes, "name");
    if (name == null) {
      return JsonApi.mustBeFilled("name");
    }
    String publicKey = JsonApi.text(attributes, "public_key");
    if (publicKey == null) {
      return JsonApi.mustBeFilled("public_key");
    }
    String fingerprint = fingerprint(publicKey);
    if (fingerprint == null) {
      return JsonApi.invalid("public_key", "public_key is invalid");
    }
    String projectId = null;
    String project = JsonApi.text(attributes, "project");
    if (project != null) {
      ProjectRecord found = state.project(project).orElse(null);
      if (found == null) {
        return JsonApi.notFound();
      }
      projectId = found.id();
    }
    SshKeyRecord key =
        new SshKeyRecord(ids.next("ssh"), name, publicKey, fingerprint, projectId, JsonApi.now());
    state.sshKeys.put(key.id(), key);
    return Reply.of(201, JsonApi.single(toJson(key)));
  }

  Reply get(LatitudeRequest request) {
    SshKeyRecord key = state.sshKeys.get(request.pathId());
    return key == null ? JsonApi.notFound() : Reply.of(200, JsonApi.single(toJson(key)));
  }

  Reply delete(LatitudeRequest request) {
    if (state.sshKeys.remove(request.pathId()) == null) {
      return JsonApi.notFound();
    }
    ObjectNode doc = JsonApi.object();
    doc.set("meta", JsonApi.object());
    return Reply.of(200, doc);
  }

  static ObjectNode toJson(SshKeyRecord key) {
    ObjectNode attributes = JsonApi.object();
    attributes.putArray("tags");
    attributes.put("name", key.name());
    attributes.put("public_key", key.publicKey());
    attributes.put("fingerprint", key.fingerprint());
    attributes.put("created_at", key.createdAt());
    attributes.put("updated_at", key.createdAt());
    attributes.set("user", Team.user());
    return JsonApi.resource(key.id(), "ssh_keys", attributes);
  }

  /** The MD5 fingerprint of the key blob, colon-separated, as the recorded keys carry. */
  static String fingerprint(String publicKey) {
    String[] parts = publicKey.trim().split("\\s+");
    if (parts.length < 2 || !parts[0].startsWith("ssh-") && !parts[0].startsWith("ecdsa-")) {
      return null;
    }
    try {
      byte[] blob = Base64.getDecoder().decode(parts[1].getBytes(StandardCharsets.US_ASCII));
      byte[] digest = MessageDigest.getInstance("MD5").digest(blob);
      return HexFormat.ofDelimiter(":").formatHex(digest);
    } catch (IllegalArgumentException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every JDK", e);
    }
  }
}
