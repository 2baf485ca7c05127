package dev.ironkube.http;

import dev.ironkube.failure.RemoteServiceException;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * When and how long to wait before repeating a call that failed retryably. Backoff grows
 * exponentially from {@code initialBackoff} up to {@code maxBackoff}, with jitter so that parallel
 * node pollers do not hit a rate limit in lockstep. A rate-limit answer with a hint waits exactly
 * that long, because waiting less only earns another 429.
 *
 * @param maxAttempts attempts in total, the first one included
 * @param maxElapsed no retry is started if its wait would end later than this after the first try
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double multiplier,
    Duration maxElapsed) {

  /** Suits interactive CLI use against rate-limited provider APIs. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(
          5, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, Duration.ofMinutes(3));

  public static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, Duration.ZERO);

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff);
    Objects.requireNonNull(maxBackoff);
    Objects.requireNonNull(maxElapsed);
    if (maxAttempts < 1 || multiplier < 1.0) {
      throw new IllegalArgumentException("maxAttempts >= 1 and multiplier >= 1 required");
    }
  }

  /**
   * How long to wait after failed attempt number {@code attempt} (1-based).
   *
   * <p>Jitter keeps between half and all of the exponential step ("equal jitter"), so a retry never
   * comes back almost at once.
   */
  public Duration delay(int attempt, RemoteServiceException failure, Random random) {
    if (failure instanceof RemoteServiceException.RateLimited limited
        && limited.retryAfter().isPresent()) {
      return limited.retryAfter().get();
    }
    double exponential = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
    long capped = (long) Math.min(exponential, (double) maxBackoff.toMillis());
    long half = capped / 2;
    long jitter = half == 0 ? 0 : (long) (random.nextDouble() * (capped - half + 1));
    return Duration.ofMillis(half + jitter);
  }
}
