package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code Status} body the API server answers errors with; clients read reason and code. */
final class ApiStatus {
  private ApiStatus() {}

  static ResourceRoutes.Answer failure(int code, String reason, String message) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    return new ResourceRoutes.Answer(code, status);
  }
}
