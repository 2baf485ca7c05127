package dev.ironkube.sim.infisical;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * How the simulated Infisical is set up.
 *
 * @param clientId the one machine identity's Universal Auth client id
 * @param clientSecret its client secret
 * @param projectId the one project (workspace) id
 * @param environments the project's environment slugs
 * @param tokenTtl an access token's TTL in real-world terms (Infisical's default: 30 days), scaled
 *     by the time model as step {@link InfisicalApi#STEP_TOKEN_TTL}
 * @param tokenMaxTtl the max TTL across renewals, step {@link InfisicalApi#STEP_TOKEN_MAX_TTL}
 * @param minTokenLifetime a floor under the scaled lifetimes, so that a near-zero time scale does
 *     not expire every token at once; a step override is not floored
 * @param clock the simulator's clock, shared with a test that moves time on
 */
public record InfisicalOptions(
    String clientId,
    String clientSecret,
    String projectId,
    Set<String> environments,
    Duration tokenTtl,
    Duration tokenMaxTtl,
    Duration minTokenLifetime,
    Clock clock) {

  /** Test credentials the simulator accepts by default. Not secrets: they only open the fake. */
  public static final String DEFAULT_CLIENT_ID = "00000000-5173-4000-8000-00000000c11d";

  public static final String DEFAULT_CLIENT_SECRET = "inf-sim-client-secret-0000000000000000";
  public static final String DEFAULT_PROJECT_ID = "00000000-5173-4000-8000-0000000070d0";

  public InfisicalOptions {
    environments = Set.copyOf(environments);
  }

  public static InfisicalOptions defaults() {
    return new InfisicalOptions(
        DEFAULT_CLIENT_ID,
        DEFAULT_CLIENT_SECRET,
        DEFAULT_PROJECT_ID,
        Set.of("dev", "staging", "prod"),
        Duration.ofDays(30),
        Duration.ofDays(30),
        Duration.ofMinutes(10),
        Clock.systemUTC());
  }

  public InfisicalOptions withClock(Clock newClock) {
    return new InfisicalOptions(
        clientId,
        clientSecret,
        projectId,
        environments,
        tokenTtl,
        tokenMaxTtl,
        minTokenLifetime,
        newClock);
  }

  public InfisicalOptions withTokenLifetimes(Duration ttl, Duration maxTtl, Duration floor) {
    return new InfisicalOptions(
        clientId, clientSecret, projectId, environments, ttl, maxTtl, floor, clock);
  }
}
