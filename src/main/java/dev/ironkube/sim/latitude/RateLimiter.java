package dev.ironkube.sim.latitude;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Latitude's per-key budget: so many reads and so many writes per minute, counted in fixed windows
 * of one modelled minute. The window scales with the time model, so a demo at 1/100 speed allows 60
 * reads per 0.6 s; a zero window (instant time) would allow everything, so it disables the limit.
 */
final class RateLimiter {
  private final int reads;
  private final int writes;
  private final long windowNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Window> windows = new HashMap<>();

  private static final class Window {
    long start;
    int reads;
    int writes;
  }

  RateLimiter(int reads, int writes, Duration window, LongSupplier nanoClock) {
    this.reads = reads;
    this.writes = writes;
    this.windowNanos = window.toNanos();
    this.nanoClock = nanoClock;
  }

  boolean enabled() {
    return windowNanos > 0;
  }

  /**
   * Counts one request of {@code key}; empty when allowed, else the whole seconds until the window
   * resets (at least 1), for {@code meta.retry_after}.
   */
  synchronized OptionalLong acquire(String key, boolean write) {
    if (!enabled()) {
      return OptionalLong.empty();
    }
    long now = nanoClock.getAsLong();
    Window window = windows.computeIfAbsent(key, k -> new Window());
    if (window.start == 0 || now - window.start >= windowNanos) {
      window.start = now;
      window.reads = 0;
      window.writes = 0;
    }
    boolean over = write ? window.writes >= writes : window.reads >= reads;
    if (over) {
      long remaining = windowNanos - (now - window.start);
      return OptionalLong.of(Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L));
    }
    if (write) {
      window.writes++;
    } else {
      window.reads++;
    }
    return OptionalLong.empty();
  }

  /** Seconds a client should wait after an injected 429: one window, at least 1. */
  long windowSeconds() {
    return Math.max(1, (windowNanos + 999_999_999L) / 1_000_000_000L);
  }
}
