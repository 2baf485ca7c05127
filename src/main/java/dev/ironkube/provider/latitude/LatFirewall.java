package dev.ironkube.provider.latitude;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Attributes of a firewall as Latitude answers it. */
public record LatFirewall(String name, Project project, List<Rule> rules) {

  /** The project block inside a firewall. */
  public record Project(String id, String slug, String name) {}

  /**
   * A rule as answered; {@code seeded} is Latitude's {@code default}: a rule Latitude added itself
   * when the firewall was created (SSH from anywhere), which cannot be deleted.
   */
  public record Rule(
      String from,
      String to,
      String port,
      String protocol,
      @JsonProperty("default") Boolean seeded,
      String description) {}
}
