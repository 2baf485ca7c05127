package dev.ironkube.workflow;

import dev.ironkube.time.Sleeper;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The user's wish to stop (Ctrl-C). Waits sleep through it, so a request to stop ends a wait at
 * once; phases check it between steps. Cleanup runs afterwards with cancellation ignored.
 */
public final class Cancellation implements Sleeper {
  private final CountDownLatch cancelled = new CountDownLatch(1);
  private volatile String reason = "";

  public void cancel(String why) {
    reason = why;
    cancelled.countDown();
  }

  public boolean isCancelled() {
    return cancelled.getCount() == 0;
  }

  public String reason() {
    return reason;
  }

  /** Throws {@link CancelledException} when cancelled. */
  public void check() {
    if (isCancelled()) {
      throw new CancelledException(reason);
    }
  }

  /** Sleeps, waking early and throwing {@link CancelledException} when cancelled. */
  @Override
  public void sleep(Duration d) {
    try {
      if (cancelled.await(Math.max(0, d.toNanos()), TimeUnit.NANOSECONDS)) {
        throw new CancelledException(reason);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted");
    }
  }

  /** Thrown to unwind a run that the user stopped. */
  public static final class CancelledException extends RuntimeException {
    public CancelledException(String reason) {
      super(reason.isEmpty() ? "stopped" : reason);
    }
  }
}
