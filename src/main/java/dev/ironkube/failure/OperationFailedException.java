package dev.ironkube.failure;

/** A step of a workflow failed for a reason that is not a single remote call (a wait, a check). */
public final class OperationFailedException extends IronkubeException {
  private final int exitCode;

  public OperationFailedException(String message, String hint, int exitCode, Throwable cause) {
    super(message, hint, cause);
    this.exitCode = exitCode;
  }

  public OperationFailedException(String message, String hint) {
    this(message, hint, ExitCodes.PROVISION_FAILED, null);
  }

  @Override
  public int exitCode() {
    return exitCode;
  }
}
