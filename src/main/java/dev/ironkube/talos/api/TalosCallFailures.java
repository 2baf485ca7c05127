package dev.ironkube.talos.api;

import dev.ironkube.failure.RemoteServiceException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import javax.net.ssl.SSLException;

/**
 * Turns gRPC failures into ironkube's typed failures, classified by status code (never by message
 * text) so callers retry by class. Messages carry the node address and the server's status
 * description; the server never puts key material there.
 */
final class TalosCallFailures {
  private TalosCallFailures() {}

  /** Status codes a later attempt may get past: the node is rebooting, busy or unreachable. */
  static boolean retryable(Status.Code code) {
    return switch (code) {
      case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED -> true;
      default -> false;
    };
  }

  /**
   * Whether the call died as the node's listener went away (a reboot or reset under way). The
   * client never cancels its own calls, so CANCELLED here is the server tearing the stream down.
   */
  static boolean connectionDropped(Status.Code code) {
    return code == Status.Code.UNAVAILABLE || code == Status.Code.CANCELLED;
  }

  /**
   * Whether the failure is a TLS handshake that one side refused. A translated failure keeps the
   * gRPC exception as a suppressed one (the typed exceptions take no cause), so look there too.
   */
  static boolean handshakeRefused(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return true;
      }
      for (Throwable s : t.getSuppressed()) {
        if (handshakeRefused(s)) {
          return true;
        }
      }
    }
    return false;
  }

  static RemoteServiceException translate(String target, String call, StatusRuntimeException e) {
    String service = "Talos API at " + target;
    Status status = e.getStatus();
    String detail = status.getDescription() == null ? "" : ": " + status.getDescription();
    String what = call + " failed with " + status.getCode() + detail;
    if (handshakeRefused(e)) {
      String why = TlsFailure.of(e).map(TlsFailure::describe).orElse("it was refused");
      var refused =
          new RemoteServiceException.Unauthorized(
              service,
              call + " failed: the TLS handshake with " + target + " failed: " + why,
              "the node's certificate must chain to the OS CA in the talosconfig, and the client"
                  + " certificate must come from that CA with O=os:admin");
      refused.addSuppressed(e);
      return refused;
    }
    return switch (status.getCode()) {
      case PERMISSION_DENIED, UNAUTHENTICATED ->
          new RemoteServiceException.Unauthorized(
              service, what, "use a talosconfig whose client certificate carries O=os:admin");
      case INVALID_ARGUMENT, FAILED_PRECONDITION, UNIMPLEMENTED, OUT_OF_RANGE ->
          new RemoteServiceException.Rejected(service, what, "");
      case NOT_FOUND -> new RemoteServiceException.NotFound(service, what);
      case ALREADY_EXISTS -> new RemoteServiceException.Conflict(service, what, "");
      default -> new RemoteServiceException.Transient(service, what, e);
    };
  }
}
