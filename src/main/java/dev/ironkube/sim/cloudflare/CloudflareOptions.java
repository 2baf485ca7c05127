package dev.ironkube.sim.cloudflare;

import java.util.Map;
import java.util.Set;

/**
 * How the simulated Cloudflare is set up.
 *
 * @param apiTokens the API tokens it accepts after "Bearer "
 * @param zones zone id (32 hex) → zone apex name; relative record names are completed with it
 * @param seed seeds record ids, so a run is reproducible
 */
public record CloudflareOptions(Set<String> apiTokens, Map<String, String> zones, long seed) {

  /**
   * The token the simulator accepts unless told otherwise. Not a secret: it only opens the fake.
   */
  public static final String DEFAULT_TEST_TOKEN = "cf_sim_token_00000000000000000000000000000";

  public static final String DEFAULT_ZONE_ID = "5ee5ee5ee5ee5ee5ee5ee5ee5ee5ee50";
  public static final String DEFAULT_ZONE_NAME = "ironkube.test";

  public CloudflareOptions {
    apiTokens = Set.copyOf(apiTokens);
    zones = Map.copyOf(zones);
  }

  public static CloudflareOptions defaults() {
    return new CloudflareOptions(
        Set.of(DEFAULT_TEST_TOKEN), Map.of(DEFAULT_ZONE_ID, DEFAULT_ZONE_NAME), 1L);
  }

  public CloudflareOptions withApiTokens(Set<String> tokens) {
    return new CloudflareOptions(tokens, zones, seed);
  }

  public CloudflareOptions withZones(Map<String, String> newZones) {
    return new CloudflareOptions(apiTokens, newZones, seed);
  }
}
