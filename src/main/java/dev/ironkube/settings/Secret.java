package dev.ironkube.settings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (an API key, a token, a client secret) on its way from where it was given to the one
 * place it is sent. Printing it, logging it or putting it in an exception's message shows {@code
 * ***}, so a stray string concatenation cannot leak it; {@link #reveal()} is the only way out and
 * is called only where the value leaves the process (an HTTP authorization header, a credential
 * store or Kubernetes Secret being written).
 */
public final class Secret {
  private static final String SHOWN = "***";

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The value itself, for the call that sends or stores it. */
  public String reveal() {
    return value;
  }

  public boolean isBlank() {
    return value.isBlank();
  }

  /** Without surrounding white space (a pasted key often ends in a newline). */
  public Secret strip() {
    return new Secret(value.strip());
  }

  /**
   * Equal when the values are; compared in constant time, as comparing a typed key with a stored
   * one should not tell how much of it matched.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return SHOWN;
  }
}
