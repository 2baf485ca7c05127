package dev.ironkube.http;

import dev.ironkube.failure.RemoteServiceException;
import java.time.Duration;

/**
 * The one status ladder every HTTP service shares: which typed failure a non-2xx status means when
 * the body says nothing more. A service's decoder starts from {@link #of(int)} and refines it only
 * where its own error bodies say more than the status (a duplicate name in a 400, an auth code in a
 * 400, a stock shortage in a 503); the transport retries by the class, never by the text.
 */
public enum FailureKind {
  UNAUTHORIZED,
  NOT_FOUND,
  CONFLICT,
  RATE_LIMITED,
  TRANSIENT,
  REJECTED;

  /**
   * 401/403 unauthorized, 404 not found, 409 conflict, 429 rate limited; 408 and every 5xx may heal
   * when repeated (RFC 9110 §15.5.9 lets a client repeat a timed-out request; the Stainless SDKs
   * Cloudflare publishes retry 408 too); every other status is a rejection of the request.
   */
  public static FailureKind of(int status) {
    return switch (status) {
      case 401, 403 -> UNAUTHORIZED;
      case 404 -> NOT_FOUND;
      case 409 -> CONFLICT;
      case 429 -> RATE_LIMITED;
      case 408 -> TRANSIENT;
      default -> status >= 500 ? TRANSIENT : REJECTED;
    };
  }

  /**
   * The typed failure of this kind. {@code hint} is the next step for the user (not-found,
   * rate-limited and transient failures carry their own); {@code retryAfter} counts only for {@link
   * #RATE_LIMITED} and may be null when the service gave none.
   */
  public RemoteServiceException failure(
      String service, String message, String hint, Duration retryAfter) {
    return switch (this) {
      case UNAUTHORIZED -> new RemoteServiceException.Unauthorized(service, message, hint);
      case NOT_FOUND -> new RemoteServiceException.NotFound(service, message);
      case CONFLICT -> new RemoteServiceException.Conflict(service, message, hint);
      case RATE_LIMITED -> new RemoteServiceException.RateLimited(service, message, retryAfter);
      case TRANSIENT -> new RemoteServiceException.Transient(service, message, null);
      case REJECTED -> new RemoteServiceException.Rejected(service, message, hint);
    };
  }
}
