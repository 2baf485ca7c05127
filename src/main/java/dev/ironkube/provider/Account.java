package dev.ironkube.provider;

/** Who a provider credential belongs to, for the "authenticated as" line. */
public record Account(String id, String displayName) {}
