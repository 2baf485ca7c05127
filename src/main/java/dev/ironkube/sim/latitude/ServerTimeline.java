package dev.ironkube.sim.latitude;

import java.time.Duration;
import java.util.List;

/**
 * The statuses a server passes through after create and when each is reached, measured from the
 * create in wall-clock nanoseconds already scaled by the time model.
 *
 * <p>What a client sees lags behind: each read moves the reported status at most one step, so a
 * poller observes every status in order even when the time model is instant, as a real poller at a
 * sane interval does. The stale-status fault holds the reported status back further.
 */
final class ServerTimeline {
  static final String STARTING_DEPLOY = "starting_deploy";
  static final String DEPLOYING = "deploying";
  static final String ON = "on";
  static final String FAILED_DEPLOYMENT = "failed_deployment";

  /** How a deploy ends, chosen at create (by a fault or not). */
  enum Outcome {
    NORMAL,
    STUCK,
    FAILED
  }

  record Step(String status, long atNanos) {}

  private final List<Step> steps;
  private final long createdNanos;
  private int reported;

  private ServerTimeline(List<Step> steps, long createdNanos) {
    this.steps = steps;
    this.createdNanos = createdNanos;
  }

  static ServerTimeline of(
      Outcome outcome,
      boolean ipxe,
      Duration startingDeploy,
      Duration deploy,
      Duration talosBoot,
      Duration ipxeStatusLag,
      long createdNanos) {
    long deploying = startingDeploy.toNanos();
    long deployed = deploying + deploy.toNanos();
    long on = ipxe ? deployed + talosBoot.toNanos() + ipxeStatusLag.toNanos() : deployed;
    List<Step> steps =
        switch (outcome) {
          case NORMAL ->
              List.of(
                  new Step(STARTING_DEPLOY, 0), new Step(DEPLOYING, deploying), new Step(ON, on));
          case STUCK -> List.of(new Step(STARTING_DEPLOY, 0), new Step(DEPLOYING, deploying));
          case FAILED ->
              List.of(
                  new Step(STARTING_DEPLOY, 0),
                  new Step(DEPLOYING, deploying),
                  new Step(FAILED_DEPLOYMENT, deployed));
        };
    return new ServerTimeline(steps, createdNanos);
  }

  /**
   * A timeline already at the end of its steps, for a server restored after a restart: the real
   * server went on deploying while nothing was watching, so it is where its deploy ended.
   */
  static ServerTimeline ended(String finalStatus, long nowNanos) {
    return new ServerTimeline(List.of(new Step(finalStatus, 0)), nowNanos);
  }

  /** The status the last step reaches: where this deploy ends. */
  String finalStatus() {
    return steps.get(steps.size() - 1).status();
  }

  /** The status the timeline has reached at {@code nowNanos}, whether observed or not. */
  synchronized String actual(long nowNanos) {
    return steps.get(reachedIndex(nowNanos)).status();
  }

  /** The status a read answers now; advances what has been reported unless {@code stale}. */
  synchronized String observe(long nowNanos, boolean stale) {
    if (!stale) {
      reported = Math.min(reachedIndex(nowNanos), reported + 1);
    }
    return steps.get(reported).status();
  }

  /** The status the create answer shows. */
  String initial() {
    return steps.get(0).status();
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
