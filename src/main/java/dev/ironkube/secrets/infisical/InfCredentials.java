package dev.ironkube.secrets.infisical;

import java.util.Objects;

/**
 * A machine identity's Universal Auth credentials, INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and
 * _CLIENT_SECRET. Sent as the login body as is; {@link #toString()} shows neither, so a log of the
 * request body or a debugger print leaks nothing.
 */
public record InfCredentials(String clientId, String clientSecret) {

  public InfCredentials {
    if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
      throw new IllegalArgumentException(
          "Infisical needs INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and"
              + " INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET");
    }
    clientId = clientId.strip();
    clientSecret = clientSecret.strip();
  }

  @Override
  public String toString() {
    return "InfCredentials[clientId=****, clientSecret=****]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InfCredentials other
        && clientId.equals(other.clientId)
        && clientSecret.equals(other.clientSecret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clientId, clientSecret);
  }
}
