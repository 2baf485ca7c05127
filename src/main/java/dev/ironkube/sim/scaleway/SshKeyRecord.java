package dev.ironkube.sim.scaleway;

/** An IAM SSH key the fake holds; the stored public key has its comment dropped, as IAM does. */
public record SshKeyRecord(
    String id,
    String name,
    String publicKey,
    String fingerprint,
    String projectId,
    String createdAt,
    boolean disabled) {}
