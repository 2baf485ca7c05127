package dev.ironkube.time;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.RemoteServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * The one deadline loop: poll until the probe is done or the deadline passes, on an injected clock
 * and sleeper so tests and the simulator control time. Pass the run's cancellation as the sleeper
 * (and its check as the checkpoint) and Ctrl-C ends a wait at once. Retryable remote failures
 * during a poll are ridden out up to a bound (status endpoints flap); any other failure a probe
 * throws ends the wait. Never sleeps past the deadline: the last poll happens at it.
 */
public final class Poller {

  /** What one poll found. A probe that finds the wait can never succeed throws instead. */
  public sealed interface Poll<T> {
    /** Done, with the result. */
    record Done<T>(T value) implements Poll<T> {}

    /** Not yet; {@code detail} names what was seen, {@code fraction} (or -1) how far along. */
    record NotYet<T>(String detail, double fraction) implements Poll<T> {}

    static <T> Poll<T> done(T value) {
      return new Done<>(value);
    }

    static <T> Poll<T> notYet(String detail) {
      return new NotYet<>(detail, -1);
    }
  }

  /** One poll. */
  @FunctionalInterface
  public interface Probe<T> {
    Poll<T> poll();
  }

  /** Hears each poll that did not end the wait, before the sleep; feeds a progress line. */
  @FunctionalInterface
  public interface Listener {
    void waiting(String detail, double fraction);

    Listener NONE = (detail, fraction) -> {};

    /** Passes a detail on only when it differs from the last one passed on. */
    static Listener onChange(Listener inner) {
      String[] last = {null};
      return (detail, fraction) -> {
        if (!detail.equals(last[0])) {
          last[0] = detail;
          inner.waiting(detail, fraction);
        }
      };
    }
  }

  private final Clock clock;
  private final Sleeper sleeper;
  private final Runnable checkpoint;
  private final Random jitter;
  private final int transientLimit;
  private final Function<RemoteServiceException, String> describeFailure;
  private final Listener listener;

  public Poller(Clock clock, Sleeper sleeper) {
    this(
        clock,
        sleeper,
        () -> {},
        null,
        Integer.MAX_VALUE,
        RemoteServiceException::getMessage,
        null);
  }

  private Poller(
      Clock clock,
      Sleeper sleeper,
      Runnable checkpoint,
      Random jitter,
      int transientLimit,
      Function<RemoteServiceException, String> describeFailure,
      Listener listener) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.checkpoint = checkpoint;
    this.jitter = jitter;
    this.transientLimit = transientLimit;
    this.describeFailure = describeFailure;
    this.listener = listener == null ? Listener.NONE : listener;
  }

  /** Runs {@code check} before every poll (a cancellation check, so a stop is seen at once). */
  public Poller checkingFirst(Runnable check) {
    return new Poller(clock, sleeper, check, jitter, transientLimit, describeFailure, listener);
  }

  /** Adds up to 10% to each interval so that many waiters do not poll in lockstep. */
  public Poller withJitter(Random random) {
    return new Poller(
        clock, sleeper, checkpoint, random, transientLimit, describeFailure, listener);
  }

  /** Ends the wait after more than {@code limit} retryable failures in a row (default: never). */
  public Poller toleratingInARow(int limit) {
    return new Poller(clock, sleeper, checkpoint, jitter, limit, describeFailure, listener);
  }

  /** How a ridden-out failure reads as the wait's last detail (default: its message). */
  public Poller describingFailures(Function<RemoteServiceException, String> describe) {
    return new Poller(clock, sleeper, checkpoint, jitter, transientLimit, describe, listener);
  }

  public Poller reportingTo(Listener l) {
    return new Poller(clock, sleeper, checkpoint, jitter, transientLimit, describeFailure, l);
  }

  /**
   * Polls every {@code interval} until done; after {@code timeout} throws what {@code onTimeout}
   * makes of the last detail seen. {@code what} names the wait if it is interrupted.
   */
  public <T> T until(
      String what,
      Duration timeout,
      Duration interval,
      Probe<T> probe,
      Function<String, ? extends RuntimeException> onTimeout) {
    Poll<T> last;
    try {
      last = lastPoll(timeout, interval, probe);
    } catch (InterruptedException e) {
      // An interrupt ends the wait as a failure, keeping the thread's flag set.
      Thread.currentThread().interrupt();
      throw new OperationFailedException(
          "interrupted while waiting for " + what, "", ExitCodes.INTERRUPTED, e);
    }
    return switch (last) {
      case Poll.Done<T> done -> done.value();
      case Poll.NotYet<T> notYet -> throw onTimeout.apply(notYet.detail());
    };
  }

  /**
   * The loop itself, for callers whose timeout is not a failure (a health check that reports what
   * it saw, a harness that records a violation) or that name an interrupt in their own words: polls
   * every {@code interval} until done and returns the {@link Poll.Done}, or at the deadline returns
   * the last {@link Poll.NotYet} seen. An interrupt during a sleep is thrown as is.
   */
  public <T> Poll<T> lastPoll(Duration timeout, Duration interval, Probe<T> probe)
      throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    int failuresInARow = 0;
    Poll.NotYet<T> last = new Poll.NotYet<>("no attempt made", -1);
    while (true) {
      checkpoint.run();
      try {
        Poll<T> poll = probe.poll();
        failuresInARow = 0;
        switch (poll) {
          case Poll.Done<T> done -> {
            return done;
          }
          case Poll.NotYet<T> notYet -> last = notYet;
        }
      } catch (RemoteServiceException e) {
        if (!e.retryable() || ++failuresInARow > transientLimit) {
          throw e;
        }
        last = new Poll.NotYet<>(describeFailure.apply(e), -1);
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        return last;
      }
      listener.waiting(last.detail(), last.fraction());
      Duration left = Duration.between(now, deadline);
      Duration sleep = withJitter(interval);
      sleeper.sleep(sleep.compareTo(left) > 0 ? left : sleep);
    }
  }

  private Duration withJitter(Duration interval) {
    if (jitter == null) {
      return interval;
    }
    long nanos = interval.toNanos();
    return Duration.ofNanos(nanos + (long) (nanos * 0.1 * jitter.nextDouble()));
  }
}
