package dev.ironkube.sim.talos;

import dev.ironkube.sim.TimeModel;
import io.grpc.Server;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's own clock for what happens after an answer has left: listeners stopping, reboots and
 * resets finishing, a worker asking trustd again. One thread per node, so its steps run in order.
 * The durations are the modelled steps talos.reboot (90 s), talos.reset (60 s), talos.apid.restart
 * (2 s, 1.14's config apply without an install) and talos.trustd.retry.
 */
final class NodePower {

  private final TimeModel time;
  private final ScheduledExecutorService thread;

  NodePower(TimeModel time, String name) {
    this.time = time;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  Duration reboot() {
    return time.duration("talos.reboot", Duration.ofSeconds(90));
  }

  Duration reset() {
    return time.duration("talos.reset", Duration.ofSeconds(60));
  }

  /**
   * How long a booting worker waits after its {@code refusals}-th unanswered request to the control
   * planes' trustd: apid's remote generator retries exponentially in units of a second, 1, 2, 4 s
   * and on, for a minute (siderolabs/talos pkg/grpc/gen/remote.go: {@code retry.Exponential(
   * time.Minute, WithUnits(time.Second), WithJitter(100ms))}), after which the controller starts
   * over; modelled as doublings up to 32 s.
   */
  Duration trustdRetry(int refusals) {
    long seconds = 1L << Math.min(refusals, 5);
    return time.duration("talos.trustd.retry", Duration.ofSeconds(seconds));
  }

  Duration apidRestart() {
    return time.duration("talos.apid.restart", Duration.ofSeconds(2));
  }

  /** Stops {@code old} (null: none) off the caller's thread; {@code drop} cuts open calls. */
  void stop(Server old, boolean drop) {
    thread.execute(() -> NodeServers.stop(old, drop));
  }

  void after(Duration delay, Runnable step) {
    thread.schedule(step, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  void shutdown() {
    thread.shutdownNow();
  }
}
