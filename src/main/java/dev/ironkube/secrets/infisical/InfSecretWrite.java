package dev.ironkube.secrets.infisical;

/** The body of {@code POST|PATCH /api/v4/secrets/{secretName}}. */
record InfSecretWrite(
    String projectId, String environment, String secretPath, String secretValue, String type) {

  @Override
  public String toString() {
    return "InfSecretWrite[" + environment + ":" + secretPath + ", secretValue=****]";
  }
}
