package dev.ironkube.settings;

/** Where a setting's value came from, lowest precedence first. */
public enum Source {
  DEFAULT("default"),
  FILE("file"),
  ENVIRONMENT("environment"),
  FLAG("flag"),
  CREDENTIAL_STORE("credential store"),
  SECRET_STORE("secret store"),
  PROMPT("prompt"),
  SIMULATOR("simulator");

  private final String label;

  Source(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
