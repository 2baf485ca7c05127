package dev.ironkube.workflow;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.settings.DurationParser;
import dev.ironkube.time.Poller;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/**
 * Polls a condition until it holds or a deadline passes, sleeping through the cancellation so
 * Ctrl-C ends the wait at once. Retryable provider failures during a poll are tolerated up to a
 * bound (status endpoints flap); others end the wait. The loop itself is {@link Poller}'s; this
 * adds the workflow's vocabulary (a step's progress, a failed poll's hint, the timeout's message).
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
    return new Poller(clock, cancellation)
        .checkingFirst(cancellation::check)
        .withJitter(jitter)
        .toleratingInARow(MAX_CONSECUTIVE_TRANSIENT)
        .describingFailures(e -> "retrying after: " + e.getMessage())
        .reportingTo(step::update)
        .until(
            what,
            timeout,
            interval,
            () ->
                switch (probe.poll()) {
                  case Poll.Done<T> d -> new Poller.Poll.Done<>(d.value());
                  case Poll.NotYet<T> n -> new Poller.Poll.NotYet<>(n.detail(), n.fraction());
                  case Poll.Failed<T> f ->
                      throw new OperationFailedException(what + " failed: " + f.reason(), f.hint());
                },
            last ->
                new OperationFailedException(
                    what
                        + " did not finish within "
                        + format(timeout)
                        + " (last seen: "
                        + last
                        + ")",
                    "raise the timeout in the settings or check the target's console",
                    ExitCodes.PROVISION_FAILED,
                    null));
  }

  static String format(Duration d) {
    return DurationParser.format(d.withNanos(0).isZero() ? d : d.withNanos(0));
  }
}
