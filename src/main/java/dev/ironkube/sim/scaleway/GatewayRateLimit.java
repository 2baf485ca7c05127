package dev.ironkube.sim.scaleway;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The gateway's per-key request budget: at most {@code limit} requests in any window. Scaleway
 * publishes no number; what it does publish, by recording, is the answer: a bare 429. A zero window
 * (instant time model) or a zero limit turns the budget off.
 */
final class GatewayRateLimit {
  private final int limit;
  private final long windowNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Deque<Long>> recent = new HashMap<>();

  GatewayRateLimit(int limit, long windowNanos, LongSupplier nanoClock) {
    this.limit = limit;
    this.windowNanos = windowNanos;
    this.nanoClock = nanoClock;
  }

  /** Whether this key may make one more request now; counts it if so. */
  synchronized boolean admit(String key) {
    if (limit <= 0 || windowNanos <= 0) {
      return true;
    }
    long now = nanoClock.getAsLong();
    Deque<Long> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
      times.removeFirst();
    }
    if (times.size() >= limit) {
      return false;
    }
    times.addLast(now);
    return true;
  }
}
