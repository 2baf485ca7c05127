package dev.ironkube.provider.latitude;

/** Attributes of {@code POST /firewalls/{firewall_id}/assignments}. */
public record LatNewFirewallAssignment(String serverId) {}
