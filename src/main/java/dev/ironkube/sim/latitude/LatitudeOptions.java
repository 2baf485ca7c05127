package dev.ironkube.sim.latitude;

import java.time.Duration;
import java.util.Set;

/**
 * How the simulated Latitude behaves beyond its contract.
 *
 * @param apiKeys the keys it accepts (bare or after "Bearer ")
 * @param rateLimits whether the per-key read and write budgets apply
 * @param readsPerMinute GET budget per modelled minute (Latitude: 60)
 * @param writesPerMinute POST/PUT/PATCH/DELETE budget per modelled minute (Latitude: 20)
 * @param timeoutFaultDelay how long the "timeout" fault holds a request before dropping it; real
 *     time, not modelled, because it must outlast the client's own timeout
 * @param seed seeds the ids, so a run is reproducible
 */
public record LatitudeOptions(
    Set<String> apiKeys,
    boolean rateLimits,
    int readsPerMinute,
    int writesPerMinute,
    Duration timeoutFaultDelay,
    long seed) {

  /**
   * The key every simulator accepts unless told otherwise. Not a secret: it only opens the fake.
   */
  public static final String DEFAULT_TEST_KEY = "lat_sim_0000000000000000000000000000";

  public LatitudeOptions {
    apiKeys = Set.copyOf(apiKeys);
  }

  public static LatitudeOptions defaults() {
    return new LatitudeOptions(Set.of(DEFAULT_TEST_KEY), true, 60, 20, Duration.ofSeconds(90), 1L);
  }

  public LatitudeOptions withApiKeys(Set<String> keys) {
    return new LatitudeOptions(
        keys, rateLimits, readsPerMinute, writesPerMinute, timeoutFaultDelay, seed);
  }

  public LatitudeOptions withRateLimits(boolean enabled) {
    return new LatitudeOptions(
        apiKeys, enabled, readsPerMinute, writesPerMinute, timeoutFaultDelay, seed);
  }

  public LatitudeOptions withTimeoutFaultDelay(Duration delay) {
    return new LatitudeOptions(apiKeys, rateLimits, readsPerMinute, writesPerMinute, delay, seed);
  }

  public LatitudeOptions withSeed(long newSeed) {
    return new LatitudeOptions(
        apiKeys, rateLimits, readsPerMinute, writesPerMinute, timeoutFaultDelay, newSeed);
  }
}
