package dev.ironkube.talos.api;

/**
 * The Talos version a node runs.
 *
 * @param tag e.g. "v1.11.6"
 * @param platform e.g. "metal"; empty when read from the COSI resource in maintenance mode
 */
public record NodeVersion(String tag, String platform) {}
