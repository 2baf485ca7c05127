package dev.ironkube.sim.talos;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.talos.api.proto.machine.ServiceInfo;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One boot of a configured node: when it came up and how its services unfold from then on. A new
 * boot (reboot, upgrade) replaces it; the faults a boot is dealt are drawn once, at its start.
 *
 * @param bootedAt System.nanoTime() when apid came up with the config's certificates
 * @param timeline the services' schedule for this boot
 * @param neverHealthy the services this boot's faults keep unhealthy
 */
record NodeBoot(long bootedAt, ServiceTimeline timeline, Set<String> neverHealthy) {

  /** A boot starting now, its faults drawn for {@code hostname}. */
  static NodeBoot now(TimeModel time, Faults faults, boolean controlPlane, String hostname) {
    Set<String> broken = ServiceTimeline.neverHealthy(faults, controlPlane, hostname);
    return new NodeBoot(System.nanoTime(), new ServiceTimeline(time, broken), broken);
  }

  long bootstrapReadyAt() {
    return timeline.bootstrapReadyAt(bootedAt);
  }

  boolean readyForBootstrap(long now) {
    return timeline.readyForBootstrap(bootedAt, now);
  }

  boolean timeSynced(long now) {
    return timeline.timeSynced(bootedAt, now);
  }

  /** When etcd and kubelet turn healthy, etcd having started at {@code etcdSince}. */
  long healthyAt(long etcdSince) {
    return timeline.healthyAt(bootedAt, etcdSince);
  }

  /**
   * How long Bootstrap waits for time sync before refusing: upstream waits on the sync condition
   * with a 5 s timeout; the wait ends early when the clock syncs sooner.
   */
  Duration timeSyncWait(TimeModel time) {
    long untilSync = timeline.timeSyncedAt(bootedAt) - System.nanoTime();
    Duration cap = time.duration("talos.timesync.wait", Duration.ofSeconds(5));
    return Duration.ofNanos(Math.max(0, Math.min(untilSync, cap.toNanos())));
  }

  List<ServiceInfo> services(boolean controlPlane, TalosCluster.View cluster, long now) {
    return timeline.at(controlPlane, bootedAt, cluster, now);
  }
}
