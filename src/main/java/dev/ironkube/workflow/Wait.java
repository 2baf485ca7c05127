package dev.ironkube.workflow;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Polls a condition until it holds or a deadline passes, sleeping through the cancellation so
 * Ctrl-C ends the wait at once. Retryable provider failures during a poll are tolerated up to a
 * bound (status endpoints flap); others end the wait.
 */
public final class Wait {
  /** What one poll found. */
  public sealed interface Poll<T> {
    /** Done, with the result. */
    record Done<T>(T value) implements Poll<T> {}

    /** Not yet; {@code detail} and {@code fraction} feed the progress line. */
    record NotYet<T>(String detail, double fraction) implements Poll<T> {}

    /** Will never succeed; stop waiting. */
    record Failed<T>(String reason, String hint) implements Poll<T> {}
  }

  /** One poll. */
  @FunctionalInterface
  public interface Probe<T> {
    Poll<T> poll();
  }

  private static final int MAX_CONSECUTIVE_TRANSIENT = 8;

  private final Clock clock;
  private final Cancellation cancellation;
  private final Random jitter;

  public Wait(Clock clock, Cancellation cancellation, Random jitter) {
    this.clock = clock;
    this.cancellation = cancellation;
    this.jitter = jitter;
  }

  public <T> T until(
      String what, Duration timeout, Duration interval, Progress.Step step, Probe<T> probe) {
    Instant deadline = clock.instant().plus(timeout);
    int transientInARow = 0;
    String lastDetail = "not started";
    while (true) {
      cancellation.check();
      try {
        Poll<T> p = probe.poll();
        transientInARow = 0;
        switch (p) {
          case Poll.Done<T> d -> {
            return d.value();
          }
          case Poll.Failed<T> f ->
              throw new OperationFailedException(what + " failed: " + f.reason(), f.hint());
          case Poll.NotYet<T> n -> {
            lastDetail = n.detail();
            step.update(n.detail(), n.fraction());
          }
        }
      } catch (ProviderException e) {
        if (!e.retryable() || ++transientInARow > MAX_CONSECUTIVE_TRANSIENT) {
          throw e;
        }
        lastDetail = "retrying after: " + e.getMessage();
        step.update(lastDetail, -1);
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw new OperationFailedException(
            what + " did not finish within " + format(timeout) + " (last seen: " + lastDetail + ")",
            "raise the timeout in the settings or check the target's console",
            ExitCodes.PROVISION_FAILED,
            null);
      }
      Duration sleep = withJitter(interval);
      Duration left = Duration.between(now, deadline);
      cancellation.sleep(sleep.compareTo(left) > 0 ? left : sleep);
    }
  }

  /** Up to 10% jitter so many waiters do not poll in lockstep. */
  private Duration withJitter(Duration interval) {
    long nanos = interval.toNanos();
    return Duration.ofNanos(nanos + (long) (nanos * 0.1 * jitter.nextDouble()));
  }

  static String format(Duration d) {
    return dev.ironkube.settings.DurationParser.format(
        d.withNanos(0).isZero() ? d : d.withNanos(0));
  }
}
