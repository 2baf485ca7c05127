package dev.ironkube.sim.latitude;

/** An SSH key held by the simulated Latitude; {@code projectId} is null for a team-wide key. */
public record SshKeyRecord(
    String id,
    String name,
    String publicKey,
    String fingerprint,
    String projectId,
    String createdAt) {}
