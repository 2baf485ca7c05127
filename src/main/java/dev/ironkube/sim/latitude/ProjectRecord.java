package dev.ironkube.sim.latitude;

/** A project held by the simulated Latitude, as tests inspect it. */
public record ProjectRecord(
    String id,
    String name,
    String slug,
    String description,
    String environment,
    String provisioningType,
    String subscriptionId,
    String createdAt) {

  /** Latitude's slug: lower case, spaces and other separators as dashes, underscores kept. */
  static String slugOf(String name) {
    String slug = name.toLowerCase().replaceAll("[^a-z0-9_]+", "-");
    return slug.replaceAll("^-+|-+$", "");
  }
}
