package dev.ironkube.settings;

/** One thing wrong with the settings, at a path, with what to do about it. */
public record Problem(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
