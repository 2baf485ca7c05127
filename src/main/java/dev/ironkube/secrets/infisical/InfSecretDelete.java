package dev.ironkube.secrets.infisical;

/** The body of {@code DELETE /api/v4/secrets/{secretName}}. */
record InfSecretDelete(String projectId, String environment, String secretPath, String type) {}
