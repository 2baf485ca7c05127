package dev.ironkube.provider.latitude;

/** Attributes of a project; names are unique per team, which makes creation idempotent. */
public record LatProject(
    String name, String slug, String description, String provisioningType, String environment) {}
