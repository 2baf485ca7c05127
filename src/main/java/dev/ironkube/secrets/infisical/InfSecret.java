package dev.ironkube.secrets.infisical;

/**
 * One secret of a list answer; only the fields ironkube reads. {@code secretValueHidden} is true,
 * and the value the literal mask, when the identity may not read values.
 */
public record InfSecret(
    String id,
    String secretKey,
    String secretValue,
    Boolean secretValueHidden,
    String secretPath,
    String environment,
    String type) {

  static final String HIDDEN_MASK = "<hidden-by-infisical>";

  boolean hidden() {
    return Boolean.TRUE.equals(secretValueHidden) || HIDDEN_MASK.equals(secretValue);
  }

  @Override
  public String toString() {
    return "InfSecret[" + secretKey + "=****, path=" + secretPath + "]";
  }
}
