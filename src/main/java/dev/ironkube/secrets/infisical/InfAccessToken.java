package dev.ironkube.secrets.infisical;

/**
 * The answer of a login or renewal: {@code expiresIn} is this token's TTL in seconds, {@code
 * accessTokenMaxTTL} the absolute lifetime from the first login across renewals (both 2,592,000 =
 * 30 days by default).
 */
public record InfAccessToken(
    String accessToken, long expiresIn, long accessTokenMaxTTL, String tokenType) {

  @Override
  public String toString() {
    return "InfAccessToken[accessToken=****, expiresIn="
        + expiresIn
        + ", accessTokenMaxTTL="
        + accessTokenMaxTTL
        + "]";
  }
}
