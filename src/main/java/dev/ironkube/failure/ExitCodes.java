package dev.ironkube.failure;

/** The documented exit codes of every ironkube command. README lists them for scripts. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** An unexpected internal error (a bug): run again with --verbose and report it. */
  public static final int INTERNAL = 1;

  /** Invalid input: flags, settings document, names, choices. Nothing was changed remotely. */
  public static final int INVALID_INPUT = 2;

  /** Credentials were missing, wrong or revoked. */
  public static final int UNAUTHORIZED = 3;

  /** The thing asked for does not exist (cluster, server, plan, region). */
  public static final int NOT_FOUND = 4;

  /** A remote service failed, after retries, or answered something ironkube cannot use. */
  public static final int REMOTE_FAILURE = 5;

  /** The chosen plan has no stock at the chosen site. */
  public static final int OUT_OF_STOCK = 6;

  /** A provisioning step failed; cleanup ran (or, with --keep-on-failure, was skipped). */
  public static final int PROVISION_FAILED = 7;

  /**
   * The cluster is up but deliberately left running unlocked: Teleport access could not be
   * verified, and locking down would lock the operator out. (A failure kept with --keep-on-failure
   * exits with the failure's own code, {@link #PROVISION_FAILED} most often.)
   */
  public static final int LEFT_RUNNING = 8;

  /** {@code ironkube health} (or {@code status --live}) found a check failing. */
  public static final int UNHEALTHY = 9;

  /** Interrupted by the user (Ctrl-C); cleanup ran unless a second Ctrl-C cut it short. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /** A stable word for an exit code, for the JSON error object scripts read. */
  public static String kind(int code) {
    return switch (code) {
      case OK -> "ok";
      case INTERNAL -> "internal";
      case INVALID_INPUT -> "invalid-input";
      case UNAUTHORIZED -> "unauthorized";
      case NOT_FOUND -> "not-found";
      case REMOTE_FAILURE -> "remote-failure";
      case OUT_OF_STOCK -> "out-of-stock";
      case PROVISION_FAILED -> "provision-failed";
      case LEFT_RUNNING -> "left-running";
      case UNHEALTHY -> "unhealthy";
      case INTERRUPTED -> "interrupted";
      default -> "error";
    };
  }
}
