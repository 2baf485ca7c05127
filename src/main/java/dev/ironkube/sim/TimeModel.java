package dev.ironkube.sim;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long each modelled step of the simulated datacenter takes. Each fake names its steps and
 * passes the realistic default (from shared/reference/peers.md, section 4) at the call site; the
 * model scales it (1.0 = real time, 0.01 for demos, near 0 for tests) and lets a test or the
 * benchmark override any step by name.
 */
public final class TimeModel {
  private final double scale;
  private final Map<String, Duration> overrides = new ConcurrentHashMap<>();

  public TimeModel(double scale) {
    if (!(scale >= 0)) {
      throw new IllegalArgumentException("time scale must be >= 0, was " + scale);
    }
    this.scale = scale;
  }

  /** Real-time durations scaled down a hundredfold: a 17-minute order takes about 10 seconds. */
  public static TimeModel demo() {
    return new TimeModel(0.01);
  }

  /** Near-instant, for tests. */
  public static TimeModel instant() {
    return new TimeModel(0.0);
  }

  public double scale() {
    return scale;
  }

  /** Sets an unscaled duration for one step, replacing the scaled default. */
  public TimeModel override(String step, Duration duration) {
    overrides.put(step, duration);
    return this;
  }

  /** The duration of {@code step}: an override when set, else the scaled real-world default. */
  public Duration duration(String step, Duration realWorldDefault) {
    Duration fixed = overrides.get(step);
    if (fixed != null) {
      return fixed;
    }
    return Duration.ofNanos((long) (realWorldDefault.toNanos() * scale));
  }
}
