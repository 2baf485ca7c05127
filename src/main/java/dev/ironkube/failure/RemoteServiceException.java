package dev.ironkube.failure;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed call to an external service, classified so that callers retry by class and never by
 * matching error text. {@code service} names the target ("Latitude.sh", "Cloudflare", "Talos API at
 * 10.0.0.5:50000", ...): bare-metal providers, DNS, the secret store, Talos and its image factory
 * alike, which is why the name says remote service and not provider.
 */
public abstract sealed class RemoteServiceException extends IronkubeException {
  private final String service;

  protected RemoteServiceException(String service, String message, String hint, Throwable cause) {
    super(message, hint, cause);
    this.service = service;
  }

  public String service() {
    return service;
  }

  /** Whether repeating the same call later may succeed. */
  public boolean retryable() {
    return false;
  }

  /** 404: the resource does not exist. On delete this means "already gone". */
  public static final class NotFound extends RemoteServiceException {
    public NotFound(String service, String message) {
      super(service, message, "", null);
    }

    @Override
    public int exitCode() {
      return ExitCodes.NOT_FOUND;
    }
  }

  /** 409 or a duplicate-name answer: something with that identity exists already. */
  public static final class Conflict extends RemoteServiceException {
    public Conflict(String service, String message, String hint) {
      super(service, message, hint, null);
    }

    @Override
    public int exitCode() {
      return ExitCodes.REMOTE_FAILURE;
    }
  }

  /** 401/403: the credentials are missing, wrong, expired or lack permission. */
  public static final class Unauthorized extends RemoteServiceException {
    public Unauthorized(String service, String message, String hint) {
      super(service, message, hint, null);
    }

    @Override
    public int exitCode() {
      return ExitCodes.UNAUTHORIZED;
    }
  }

  /** 400/422: the service rejected the request's content. */
  public static final class Rejected extends RemoteServiceException {
    public Rejected(String service, String message, String hint) {
      super(service, message, hint, null);
    }

    @Override
    public int exitCode() {
      return ExitCodes.REMOTE_FAILURE;
    }
  }

  /**
   * A Talos node refused to take a machine config without a reboot (NO_REBOOT or TRY up to Talos
   * 1.13): the change touches fields Talos cannot reconcile live. {@link #diff()} is the node's
   * diff of what needs the reboot; it may hold secret values, so it stays out of the message.
   */
  public static final class RebootRequired extends RemoteServiceException {
    private final String diff;

    public RebootRequired(String service, String message, String diff) {
      super(service, message, "apply it staged and reboot the node, or apply in AUTO mode", null);
      this.diff = diff;
    }

    public String diff() {
      return diff;
    }

    @Override
    public int exitCode() {
      return ExitCodes.REMOTE_FAILURE;
    }
  }

  /** 429: slow down; {@link #retryAfter()} is the service's hint when it gave one. */
  public static final class RateLimited extends RemoteServiceException {
    private final Duration retryAfter;

    public RateLimited(String service, String message, Duration retryAfter) {
      super(service, message, "wait a minute and run the command again", null);
      this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean retryable() {
      return true;
    }

    @Override
    public int exitCode() {
      return ExitCodes.REMOTE_FAILURE;
    }
  }

  /** 5xx, timeouts, resets, unreadable bodies: the call may work when repeated. */
  public static final class Transient extends RemoteServiceException {
    public Transient(String service, String message, Throwable cause) {
      super(
          service,
          message,
          "check the service's status page or your network, then run again",
          cause);
    }

    @Override
    public boolean retryable() {
      return true;
    }

    @Override
    public int exitCode() {
      return ExitCodes.REMOTE_FAILURE;
    }
  }
}
