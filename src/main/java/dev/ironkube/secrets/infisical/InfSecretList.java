package dev.ironkube.secrets.infisical;

import java.util.List;

/**
 * The answer of {@code GET /api/v3/secrets/raw}: the path's own secrets, and with {@code
 * include_imports=true} those of every imported path.
 */
public record InfSecretList(List<InfSecret> secrets, List<Import> imports) {

  public List<InfSecret> secretList() {
    return secrets == null ? List.of() : secrets;
  }

  public List<Import> importList() {
    return imports == null ? List.of() : imports;
  }

  /** One imported path and its secrets. */
  public record Import(
      String secretPath, String environment, String folderId, List<InfSecret> secrets) {
    public List<InfSecret> secretList() {
      return secrets == null ? List.of() : secrets;
    }
  }
}
