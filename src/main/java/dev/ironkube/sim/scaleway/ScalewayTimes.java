package dev.ironkube.sim.scaleway;

import dev.ironkube.sim.TimeModel;
import java.time.Duration;

/**
 * The fake's timed steps, scaled by the time model. Real-world defaults: delivery 5 min, the
 * install starts 30 s later and runs 8 min (Scaleway promises "less than 15 minutes" for order and
 * install; the recordings show about 6), the pivot downloads and writes Talos and reboots in 2 min,
 * and a deleted server answers {@code deleting} for 6 s before 404 (recorded).
 */
record ScalewayTimes(
    Duration delivery, Duration installStart, Duration install, Duration pivot, Duration deletion) {

  static ScalewayTimes from(TimeModel time) {
    return new ScalewayTimes(
        time.duration(ScalewayApi.STEP_DELIVERY, Duration.ofMinutes(5)),
        time.duration(ScalewayApi.STEP_INSTALL_START, Duration.ofSeconds(30)),
        time.duration(ScalewayApi.STEP_INSTALL, Duration.ofMinutes(8)),
        time.duration(ScalewayApi.STEP_PIVOT, Duration.ofMinutes(2)),
        time.duration(ScalewayApi.STEP_DELETION, Duration.ofSeconds(6)));
  }
}
