package dev.ironkube.provider.latitude;

import java.util.List;

/** Attributes of {@code POST /firewalls}; {@code project} is the project's id. */
public record LatNewFirewall(String name, String project, List<LatFirewallRule> rules) {}
