package dev.ironkube.sim.scaleway;

import java.time.Duration;
import java.util.Set;

/**
 * How the simulated Scaleway behaves beyond its contract.
 *
 * @param secretKeys the X-Auth-Token values it accepts
 * @param projectId the one project the keys may use; other projects answer 403
 * @param organizationId shown as {@code organization_id} on everything
 * @param requestsPerWindow per-key budget per modelled rate-limit window (default 30 per second, an
 *     assumption: Scaleway publishes no number); 0 turns it off
 * @param timeoutFaultDelay how long the "timeout" fault holds a request before dropping it; real
 *     time, because it must outlast the client's own timeout
 * @param seed seeds ids and timings, so a run is reproducible
 */
public record ScalewayOptions(
    Set<String> secretKeys,
    String projectId,
    String organizationId,
    int requestsPerWindow,
    Duration timeoutFaultDelay,
    long seed) {

  /** Not secrets: they only open the fake. */
  public static final String DEFAULT_ACCESS_KEY = "SCWSIMULATED0000000X";

  public static final String DEFAULT_SECRET_KEY = "0b5e7c3a-51f0-4b1e-9e57-5c1a0ed00001";
  public static final String DEFAULT_PROJECT_ID = "8b7a3f0e-6c1d-4e2a-9f3b-5c1a0ed00002";
  public static final String DEFAULT_ORGANIZATION_ID = DEFAULT_PROJECT_ID;

  public ScalewayOptions {
    secretKeys = Set.copyOf(secretKeys);
  }

  public static ScalewayOptions defaults() {
    return new ScalewayOptions(
        Set.of(DEFAULT_SECRET_KEY),
        DEFAULT_PROJECT_ID,
        DEFAULT_ORGANIZATION_ID,
        30,
        Duration.ofSeconds(90),
        1L);
  }

  public ScalewayOptions withSecretKeys(Set<String> keys) {
    return new ScalewayOptions(
        keys, projectId, organizationId, requestsPerWindow, timeoutFaultDelay, seed);
  }

  public ScalewayOptions withTimeoutFaultDelay(Duration delay) {
    return new ScalewayOptions(
        secretKeys, projectId, organizationId, requestsPerWindow, delay, seed);
  }

  public ScalewayOptions withRequestsPerWindow(int limit) {
    return new ScalewayOptions(
        secretKeys, projectId, organizationId, limit, timeoutFaultDelay, seed);
  }

  public ScalewayOptions withSeed(long newSeed) {
    return new ScalewayOptions(
        secretKeys, projectId, organizationId, requestsPerWindow, timeoutFaultDelay, newSeed);
  }
}
