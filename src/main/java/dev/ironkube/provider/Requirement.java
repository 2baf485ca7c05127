package dev.ironkube.provider;

import java.util.Map;

/**
 * A supporting resource an order needs, such as a project or an SSH key.
 *
 * @param kind the resource kind as the provider names it ("project", "ssh_key")
 * @param name the marker name it is found and created by
 * @param attributes what to create it with (public values only; never secrets)
 */
public record Requirement(String kind, String name, Map<String, String> attributes) {}
