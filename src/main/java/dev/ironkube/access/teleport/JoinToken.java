package dev.ironkube.access.teleport;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A Teleport join token for the {@code token} join method. Its name is the secret itself, so it is
 * printed nowhere: {@link #toString()} shows only roles and expiry.
 *
 * @param secret the token name, which is what the agent presents
 * @param roles the system roles it grants, e.g. ["Kube"]
 * @param expires when Teleport stops accepting it
 */
public record JoinToken(String secret, List<String> roles, Instant expires) {
  public JoinToken {
    Objects.requireNonNull(secret, "secret");
    roles = List.copyOf(roles);
  }

  @Override
  public String toString() {
    return "JoinToken[roles=" + roles + ", expires=" + expires + ", secret=<redacted>]";
  }
}
