package dev.ironkube.sim.teleport;

import java.time.Instant;
import java.util.List;

/**
 * A join token the simulated Auth Service holds. The name is the secret, so toString omits it.
 *
 * @param name the token (secret)
 * @param roles its system roles
 * @param joinMethod "token" unless the request said otherwise
 * @param created when the fake received it
 * @param expires metadata.expires
 */
public record RecordedToken(
    String name, List<String> roles, String joinMethod, Instant created, Instant expires) {
  public RecordedToken {
    roles = List.copyOf(roles);
  }

  @Override
  public String toString() {
    return "RecordedToken[roles="
        + roles
        + ", method="
        + joinMethod
        + ", created="
        + created
        + ", expires="
        + expires
        + ", name=<redacted>]";
  }
}
