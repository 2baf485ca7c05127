package dev.ironkube.secrets.infisical;

/**
 * Where the secrets live: INFISICAL_PROJECT_ID, INFISICAL_ENVIRONMENT (a slug such as {@code prod})
 * and INFISICAL_SECRET_PATH (default {@code /}).
 */
public record InfScope(String projectId, String environment, String secretPath) {

  public InfScope {
    if (projectId == null || projectId.isBlank()) {
      throw new IllegalArgumentException("Infisical needs INFISICAL_PROJECT_ID");
    }
    if (environment == null || environment.isBlank()) {
      throw new IllegalArgumentException("Infisical needs INFISICAL_ENVIRONMENT (e.g. prod)");
    }
    projectId = projectId.strip();
    environment = environment.strip();
    secretPath = normalise(secretPath);
  }

  /** Infisical trims a trailing slash and wants a leading one. */
  private static String normalise(String path) {
    String p = path == null || path.isBlank() ? "/" : path.strip();
    if (!p.startsWith("/")) {
      p = "/" + p;
    }
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  @Override
  public String toString() {
    return "project " + projectId + " environment " + environment + " path " + secretPath;
  }
}
