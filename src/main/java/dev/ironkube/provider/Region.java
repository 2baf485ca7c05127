package dev.ironkube.provider;

/** A site (Latitude) or zone (Scaleway) where servers can be ordered. */
public record Region(String slug, String name, String country) {}
