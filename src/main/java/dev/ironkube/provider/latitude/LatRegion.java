package dev.ironkube.provider.latitude;

/** Attributes of a site from {@code GET /regions}; {@code slug} is what orders use ("ASH"). */
public record LatRegion(String name, String slug, String facility, Country country) {
  public record Country(String name, String slug) {}
}
