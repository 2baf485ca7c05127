package dev.ironkube.provider.latitude;

/** Attributes of a team-level SSH key. */
public record LatSshKey(String name, String publicKey, String fingerprint) {}
