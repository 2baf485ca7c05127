package dev.ironkube.provider.scaleway;

/** An IAM SSH key; disabled keys cannot be handed to an install. */
public record ScwSshKey(
    String id,
    String name,
    String publicKey,
    String fingerprint,
    String projectId,
    Boolean disabled) {}
