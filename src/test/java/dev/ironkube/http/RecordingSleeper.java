package dev.ironkube.http;

import dev.ironkube.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sleeper that only writes down what it was asked and moves a shared clock forward, so retry
 * tests take no wall time and deadlines still pass.
 */
public final class RecordingSleeper implements Sleeper {
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    now = now.plus(duration);
  }

  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** A clock that reads the time this sleeper has advanced to. */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
  }
}
