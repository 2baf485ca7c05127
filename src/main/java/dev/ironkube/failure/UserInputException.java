package dev.ironkube.failure;

/** Bad input from the user: nothing remote was changed. */
public final class UserInputException extends IronkubeException {
  private final int exitCode;

  public UserInputException(String message, String hint) {
    this(message, hint, ExitCodes.INVALID_INPUT);
  }

  public UserInputException(String message, String hint, int exitCode) {
    super(message, hint, null);
    this.exitCode = exitCode;
  }

  @Override
  public int exitCode() {
    return exitCode;
  }
}
