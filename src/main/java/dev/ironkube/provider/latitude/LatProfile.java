package dev.ironkube.provider.latitude;

/** Attributes of {@code GET /user/profile}; only what names the key's owner. */
public record LatProfile(String firstName, String lastName, String email) {}
