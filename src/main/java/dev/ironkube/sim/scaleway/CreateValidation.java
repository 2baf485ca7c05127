package dev.ironkube.sim.scaleway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.List;

/**
 * What {@code POST .../servers} checks before anything is ordered, in the order the real service is
 * understood to: required fields, project permission, offer, install (OS, SSH keys) and user data.
 * The cloud-init refusal is HTTP 503 with an untyped body, exactly as recorded.
 */
final class CreateValidation {
  private final ScalewayState state;
  private final ScalewayOptions options;

  CreateValidation(ScalewayState state, ScalewayOptions options) {
    this.state = state;
    this.options = options;
  }

  /** The error to answer, or null when the order may go ahead. */
  ScwReply check(String zone, JsonNode body) {
    for (String required : List.of("offer_id", "name")) {
      if (ScwJson.text(body, required) == null || ScwJson.text(body, required).isEmpty()) {
        return ScwJson.invalid(required, "required", required + " is required");
      }
    }
    String project = ScwJson.text(body, "project_id");
    if (project != null && !project.equals(options.projectId())) {
      return ScwJson.permissionDenied("server", "write");
    }
    OfferCatalogue.Spec offer =
        OfferCatalogue.byId(zone, ScwJson.text(body, "offer_id")).orElse(null);
    if (offer == null) {
      return ScwJson.baremetalNotFound();
    }
    JsonNode install = body.get("install");
    if (install == null || install.isNull()) {
      // Upstream accepts it and delivers a server with no OS (status delivering, install null).
      return userData(body, offer, null);
    }
    OsCatalogue.Os os = OsCatalogue.byId(ScwJson.text(install, "os_id")).orElse(null);
    if (os == null || OsCatalogue.INCOMPATIBLE.contains(os.id())) {
      return ScwJson.invalid("install.os_id", "constraint", "OS is not available on this offer");
    }
    List<String> keys = ServerJson.strings(install.get("ssh_key_ids"));
    if (os.sshRequired() && keys.isEmpty()) {
      return ScwJson.invalid(
          "install.ssh_key_ids", "required", "ssh_key_ids is required for this OS");
    }
    for (String key : keys) {
      SshKeyRecord record = state.sshKeys.get(key);
      if (record == null || record.disabled()) {
        return ScwJson.invalid("install.ssh_key_ids", "constraint", "unknown SSH key " + key);
      }
    }
    return userData(body, offer, os);
  }

  /** The user_data checks: base64, then the offer's cloud-init tag, then the OS when installing. */
  private static ScwReply userData(JsonNode body, OfferCatalogue.Spec offer, OsCatalogue.Os os) {
    String userData = ScwJson.text(body, "user_data");
    if (userData != null) {
      try {
        Base64.getDecoder().decode(userData);
      } catch (IllegalArgumentException e) {
        return ScwJson.invalid("user_data", "format", "user_data must be base64");
      }
      if (!offer.cloudInit()) {
        return ScwJson.message(503, "cloud-init is not supported on this offer");
      }
      if (os != null && !os.cloudInit()) {
        return ScwJson.invalid("user_data", "constraint", "cloud-init is not supported on this OS");
      }
    }
    return null;
  }
}
