package dev.ironkube.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that goes {@code speed} times faster than the system's from the moment it is made: a real
 * wait measured against it spends its time budget that much sooner.
 */
public final class FastClock extends Clock {
  private final Instant start = Instant.now();
  private final long startNanos = System.nanoTime();
  private final int speed;

  public FastClock(int speed) {
    this.speed = speed;
  }

  @Override
  public Instant instant() {
    return start.plusNanos((System.nanoTime() - startNanos) * speed);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock in UTC");
  }
}
