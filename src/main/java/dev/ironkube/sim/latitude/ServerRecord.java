package dev.ironkube.sim.latitude;

/**
 * A snapshot of a live server of the simulated Latitude, as tests inspect it. {@code status} is the
 * status the timeline has reached, which a client may not have observed yet.
 */
public record ServerRecord(
    String id,
    String hostname,
    String projectId,
    String plan,
    String site,
    String operatingSystem,
    String primaryIpv4,
    String status) {}
