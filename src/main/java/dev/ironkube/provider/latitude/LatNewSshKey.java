package dev.ironkube.provider.latitude;

/** Attributes of {@code POST /ssh_keys}; {@code project} may be null for a team-wide key. */
public record LatNewSshKey(String name, String publicKey, String project) {}
