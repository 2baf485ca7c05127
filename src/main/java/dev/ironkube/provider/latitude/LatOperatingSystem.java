package dev.ironkube.provider.latitude;

import java.util.List;

/**
 * Attributes of an entry of {@code GET /plans/operating_systems}. {@code provisionableOn} lists
 * plan names with dots ("c2.small.x86"), not slugs.
 */
public record LatOperatingSystem(String name, String slug, List<String> provisionableOn) {
  public List<String> plans() {
    return provisionableOn == null ? List.of() : provisionableOn;
  }
}
