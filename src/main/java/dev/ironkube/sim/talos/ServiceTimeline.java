package dev.ironkube.sim.talos;

import dev.ironkube.sim.TimeModel;
import dev.ironkube.talos.api.proto.machine.ServiceHealth;
import dev.ironkube.talos.api.proto.machine.ServiceInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The system services of a configured node over time since it booted, computed on demand rather
 * than driven by timers. Base services come up after a startup delay; etcd waits in Preparing until
 * bootstrap (or starts by itself on a later boot of a bootstrapped node); kubelet runs early but
 * turns healthy only once etcd and the control plane behind it are up.
 */
final class ServiceTimeline {
  static final List<String> BASE =
      List.of("apid", "containerd", "cri", "machined", "trustd", "udevd");

  private final Duration servicesStart;
  private final Duration etcdStart;
  private final Duration kubeletReady;
  private final Set<String> neverHealthy;

  ServiceTimeline(TimeModel time, Set<String> neverHealthy) {
    this.servicesStart = time.duration("talos.services.start", Duration.ofSeconds(15));
    this.etcdStart = time.duration("talos.etcd.start", Duration.ofSeconds(20));
    this.kubeletReady = time.duration("talos.kubelet.ready", Duration.ofSeconds(30));
    this.neverHealthy = Set.copyOf(neverHealthy);
  }

  /** Whether etcd is waiting for bootstrap: Talos refuses Bootstrap before that. */
  boolean readyForBootstrap(long bootedAtNanos, long now) {
    return now - bootedAtNanos >= servicesStart.toNanos();
  }

  /** When Talos starts accepting Bootstrap on a node booted at {@code bootedAtNanos}. */
  long bootstrapReadyAt(long bootedAtNanos) {
    return bootedAtNanos + servicesStart.toNanos();
  }

  /** When etcd and kubelet (and so every core service) turn healthy, as {@link #at} models it. */
  long healthyAt(long bootedAtNanos, long etcdSinceNanos) {
    return Math.max(etcdSinceNanos, bootedAtNanos + servicesStart.toNanos())
        + etcdStart.toNanos()
        + kubeletReady.toNanos();
  }

  /**
   * @param etcdSinceNanos when etcd was allowed to start (bootstrap, or boot of a bootstrapped
   *     node); negative while not bootstrapped
   */
  List<ServiceInfo> at(long bootedAtNanos, long etcdSinceNanos, long now) {
    boolean baseUp = now - bootedAtNanos >= servicesStart.toNanos();
    long etcdUpAt =
        etcdSinceNanos < 0
            ? Long.MAX_VALUE
            : Math.max(etcdSinceNanos, bootedAtNanos + servicesStart.toNanos())
                + etcdStart.toNanos();
    boolean etcdUp = now >= etcdUpAt;
    boolean kubeletUp = etcdUp && now - etcdUpAt >= kubeletReady.toNanos();
    List<ServiceInfo> out = new ArrayList<>();
    for (String id : BASE) {
      out.add(service(id, baseUp ? "Running" : "Preparing", baseUp, !baseUp));
    }
    if (etcdSinceNanos < 0) {
      out.add(service("etcd", "Preparing", false, true));
    } else {
      out.add(service("etcd", etcdUp ? "Running" : "Waiting", etcdUp, !etcdUp));
    }
    out.add(service("kubelet", baseUp ? "Running" : "Waiting", kubeletUp, !baseUp));
    out.sort((a, b) -> a.getId().compareTo(b.getId()));
    return out;
  }

  private ServiceInfo service(String id, String state, boolean healthy, boolean unknown) {
    if (neverHealthy.contains(id) && "Running".equals(state)) {
      return info(id, state, false, false, "health check failed: unhealthy (simulated)");
    }
    return info(id, state, healthy, unknown, healthy ? "Health check successful" : "");
  }

  private static ServiceInfo info(
      String id, String state, boolean healthy, boolean unknown, String message) {
    return ServiceInfo.newBuilder()
        .setId(id)
        .setState(state)
        .setHealth(
            ServiceHealth.newBuilder()
                .setHealthy(healthy)
                .setUnknown(unknown)
                .setLastMessage(message))
        .build();
  }
}
