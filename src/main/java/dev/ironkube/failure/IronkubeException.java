package dev.ironkube.failure;

/**
 * The root of every failure ironkube expects. Its message is one sentence for the user that names
 * what failed; {@link #hint()} names what to do next. Messages never carry secret values.
 */
public abstract sealed class IronkubeException extends RuntimeException
    permits RemoteServiceException, UserInputException, OperationFailedException {

  private final String hint;

  protected IronkubeException(String message, String hint, Throwable cause) {
    super(message, cause);
    this.hint = hint;
  }

  /** What the user should do next; may be empty. */
  public String hint() {
    return hint == null ? "" : hint;
  }

  /** The documented process exit code for this failure. */
  public abstract int exitCode();
}
