package dev.ironkube.access.teleport;

import dev.ironkube.failure.RemoteServiceException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Turns a failed Auth API call into a typed failure. The server's description may quote the token
 * name (which is the secret), so any given secret is cut out of it first.
 */
final class TeleportFailures {
  static final String SERVICE = "Teleport";

  private TeleportFailures() {}

  static RemoteServiceException translate(
      String target, String call, StatusRuntimeException e, String secret) {
    Status status = e.getStatus();
    String description = status.getDescription() == null ? "" : status.getDescription();
    if (secret != null && !secret.isEmpty()) {
      description = description.replace(secret, "<token>");
    }
    String what = call + " at " + target + " failed: " + status.getCode() + ": " + description;
    return switch (status.getCode()) {
      case UNAUTHENTICATED ->
          new RemoteServiceException.Unauthorized(
              SERVICE,
              what,
              "the identity file was not accepted; renew it (tbot, or tctl auth sign)");
      case PERMISSION_DENIED ->
          new RemoteServiceException.Unauthorized(
              SERVICE,
              what,
              "the identity's role needs create/delete on token and list/read on kube_server;"
                  + " with MFA for admin actions, use a Machine ID (tbot) identity");
      case ALREADY_EXISTS -> new RemoteServiceException.Conflict(SERVICE, what, "run again");
      case NOT_FOUND -> new RemoteServiceException.NotFound(SERVICE, what);
      case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNKNOWN ->
          new RemoteServiceException.Transient(SERVICE, what, null);
      default ->
          new RemoteServiceException.Rejected(
              SERVICE, what, "check that the Teleport cluster's version supports this call");
    };
  }
}
