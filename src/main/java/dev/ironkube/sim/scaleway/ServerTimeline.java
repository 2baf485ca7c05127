package dev.ironkube.sim.scaleway;

import java.time.Duration;
import java.util.List;

/**
 * The (status, install status) pairs a server passes through after create and when each is reached,
 * in nanoseconds from the create, already scaled by the time model. The recorded order is {@code
 * ordered/to_install → ready/to_install → ready/installing → ready/completed}: the hardware is
 * {@code ready} well before the OS is.
 *
 * <p>What a client sees lags behind: each read moves the reported pair at most one step, so a
 * poller observes every pair in order even with an instant time model, as a real poller at a sane
 * interval does. The stale-status fault holds it back further.
 */
final class ServerTimeline {
  record Step(String status, String install, long atNanos) {}

  /** How an order ends, chosen at create (by a fault or not). */
  enum Outcome {
    NORMAL,
    /** The install never finishes. */
    STUCK,
    /** The install ends in {@code error}. */
    INSTALL_FAILED,
    /** The hardware is never delivered: status {@code error}. */
    DELIVERY_FAILED,
    /** The order cannot be filled after all: status {@code out_of_stock}. */
    OUT_OF_STOCK
  }

  private final List<Step> steps;
  private final long createdNanos;
  private int reported;

  private ServerTimeline(List<Step> steps, long createdNanos) {
    this.steps = steps;
    this.createdNanos = createdNanos;
  }

  static ServerTimeline of(
      Outcome outcome,
      Duration delivery,
      Duration installStart,
      Duration install,
      long createdNanos) {
    long ready = delivery.toNanos();
    long installing = ready + installStart.toNanos();
    long done = installing + install.toNanos();
    Step ordered = new Step("ordered", "to_install", 0);
    List<Step> steps =
        switch (outcome) {
          case NORMAL ->
              List.of(
                  ordered,
                  new Step("ready", "to_install", ready),
                  new Step("ready", "installing", installing),
                  new Step("ready", "completed", done));
          case STUCK ->
              List.of(
                  ordered,
                  new Step("ready", "to_install", ready),
                  new Step("ready", "installing", installing));
          case INSTALL_FAILED ->
              List.of(
                  ordered,
                  new Step("ready", "to_install", ready),
                  new Step("ready", "installing", installing),
                  new Step("ready", "error", done));
          case DELIVERY_FAILED -> List.of(ordered, new Step("error", "to_install", ready));
          case OUT_OF_STOCK -> List.of(ordered, new Step("out_of_stock", "to_install", ready));
        };
    return new ServerTimeline(steps, createdNanos);
  }

  /**
   * An order without {@code install}: {@code delivering} then {@code ready}, the install null
   * throughout (scaleway/recorded/extracted/baremetal.server-create.no-install.delivering.200.json
   * and terraform-provider-scaleway/baremetal/server-without-install-config.cassette.yaml). Only
   * the delivery outcomes apply; there is no install to fail or hang.
   */
  static ServerTimeline withoutInstall(Outcome outcome, Duration delivery, long createdNanos) {
    Step delivering = new Step("delivering", null, 0);
    long ready = delivery.toNanos();
    List<Step> steps =
        switch (outcome) {
          case DELIVERY_FAILED -> List.of(delivering, new Step("error", null, ready));
          case OUT_OF_STOCK -> List.of(delivering, new Step("out_of_stock", null, ready));
          default -> List.of(delivering, new Step("ready", null, ready));
        };
    return new ServerTimeline(steps, createdNanos);
  }

  /**
   * A timeline at its end, for a server restored after a restart: the real order went on while
   * nothing watched, so it is where it was going to end.
   */
  static ServerTimeline ended(String status, String install, long nowNanos) {
    return new ServerTimeline(List.of(new Step(status, install, 0)), nowNanos);
  }

  /** The pair the last step reaches: where this order ends. */
  Step last() {
    return steps.getLast();
  }

  /** When the install completes, from the create; negative when it never does. */
  long completedAtNanos() {
    Step last = steps.getLast();
    return "completed".equals(last.install()) ? last.atNanos() : -1;
  }

  synchronized Step actual(long nowNanos) {
    return steps.get(reachedIndex(nowNanos));
  }

  /** The pair a read answers now; advances what has been reported unless {@code stale}. */
  synchronized Step observe(long nowNanos, boolean stale) {
    if (!stale) {
      reported = Math.min(reachedIndex(nowNanos), reported + 1);
    }
    return steps.get(reported);
  }

  Step initial() {
    return steps.getFirst();
  }

  private int reachedIndex(long nowNanos) {
    long elapsed = nowNanos - createdNanos;
    int index = 0;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).atNanos() <= elapsed) {
        index = i;
      }
    }
    return index;
  }
}
