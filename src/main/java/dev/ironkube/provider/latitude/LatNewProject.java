package dev.ironkube.provider.latitude;

/** Attributes of {@code POST /projects}. */
public record LatNewProject(
    String name, String provisioningType, String description, String environment) {}
