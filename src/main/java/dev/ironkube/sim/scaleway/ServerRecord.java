package dev.ironkube.sim.scaleway;

import java.util.List;

/** A server as a test inspects it, outside the API. */
public record ServerRecord(
    String id,
    String zone,
    String name,
    String offer,
    List<String> tags,
    String ipv4,
    String status,
    String installStatus) {}
