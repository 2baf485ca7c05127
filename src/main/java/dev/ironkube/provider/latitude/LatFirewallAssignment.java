package dev.ironkube.provider.latitude;

/**
 * Attributes of a firewall assignment (a server behind a firewall). Per-firewall lists carry {@code
 * firewall_id}; the team-wide list carries a {@code firewall} block instead.
 */
public record LatFirewallAssignment(Server server, String firewallId, Firewall firewall) {

  /** The assigned server. */
  public record Server(String id, String hostname, String primaryIpv4) {}

  /** The firewall block of the team-wide list. */
  public record Firewall(String id, String name) {}
}
