package dev.ironkube.provider.latitude;

/**
 * One rule of a firewall, as sent on create: traffic from {@code from} to {@code to} (an address, a
 * CIDR or {@code ANY}) on {@code port} (a number or a "lo-hi" range) over {@code protocol} ({@code
 * TCP} or {@code UDP}). Rules carry no action: each one lets its traffic in.
 */
public record LatFirewallRule(
    String from, String to, String protocol, String port, String description) {}
