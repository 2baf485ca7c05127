package dev.ironkube.sim.latitude;

/** A server behind a firewall of the simulated Latitude. */
public record AssignmentRecord(String id, String firewallId, String serverId) {}
