package dev.ironkube.time;

import java.time.Duration;

/** Waits; injected so that tests and the simulator control time instead of Thread.sleep. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  Sleeper SYSTEM =
      duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
          Thread.sleep(duration.toMillis(), (int) (duration.toNanosPart() % 1_000_000));
        }
      };
}
