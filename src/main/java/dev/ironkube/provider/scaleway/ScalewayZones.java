package dev.ironkube.provider.scaleway;

import dev.ironkube.provider.Region;
import java.util.List;
import java.util.Optional;

/**
 * The zones that serve Elastic Metal. Scaleway has no endpoint listing them: the set is fixed in
 * its SDK ({@code baremetal.API.Zones()}) and in the OpenAPI path enum, and copied here.
 */
final class ScalewayZones {
  static final List<Region> ALL =
      List.of(
          new Region("fr-par-1", "Paris 1", "France"),
          new Region("fr-par-2", "Paris 2", "France"),
          new Region("nl-ams-1", "Amsterdam 1", "Netherlands"),
          new Region("nl-ams-2", "Amsterdam 2", "Netherlands"),
          new Region("pl-waw-2", "Warsaw 2", "Poland"),
          new Region("pl-waw-3", "Warsaw 3", "Poland"));

  private ScalewayZones() {}

  static Optional<Region> bySlug(String slug) {
    return ALL.stream().filter(r -> r.slug().equals(slug)).findFirst();
  }
}
