package dev.ironkube.sim.talos;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.talos.api.proto.machine.ServiceHealth;
import dev.ironkube.talos.api.proto.machine.ServiceInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The system services of a configured node over time since it booted, computed on demand rather
 * than driven by timers. Base services come up after a startup delay; etcd (control planes only)
 * and kubelet's health follow the cluster ({@link TalosCluster}): etcd waits in Preparing until
 * bootstrap or its join, kubelet runs early but turns healthy only once the cluster's control plane
 * is up and reachable.
 */
final class ServiceTimeline {
  static final List<String> BASE =
      List.of("apid", "containerd", "cri", "machined", "trustd", "udevd");

  /** A worker runs no trustd (nor etcd): it fetches its certificates from the control planes'. */
  static final List<String> WORKER_BASE = List.of("apid", "containerd", "cri", "machined", "udevd");

  private final Duration servicesStart;
  private final Duration etcdStart;
  private final Duration kubeletReady;
  private final Duration timeSync;
  private final Set<String> neverHealthy;

  ServiceTimeline(TimeModel time, Set<String> neverHealthy) {
    this.servicesStart = time.duration("talos.services.start", Duration.ofSeconds(15));
    this.etcdStart = time.duration("talos.etcd.start", Duration.ofSeconds(20));
    this.kubeletReady = time.duration("talos.kubelet.ready", Duration.ofSeconds(30));
    this.timeSync = time.duration("talos.timesync", Duration.ofSeconds(5));
    this.neverHealthy = Set.copyOf(neverHealthy);
  }

  /** Whether etcd is waiting for bootstrap: Talos refuses Bootstrap before that. */
  boolean readyForBootstrap(long bootedAtNanos, long now) {
    return now - bootedAtNanos >= servicesStart.toNanos();
  }

  /** Whether timed has synced the clock; Bootstrap refuses before ("time is not in sync yet"). */
  boolean timeSynced(long bootedAtNanos, long now) {
    return now >= timeSyncedAt(bootedAtNanos);
  }

  long timeSyncedAt(long bootedAtNanos) {
    return bootedAtNanos + timeSync.toNanos();
  }

  /**
   * The services that never turn healthy this boot: the {@code talos.service.<id>} fault is asked
   * once per boot per service the node runs (so a worker is never asked about etcd or trustd),
   * then, when it injects nothing, {@code talos.service.<id>@<hostname>} for this node only.
   */
  static Set<String> neverHealthy(Faults faults, boolean controlPlane, String host) {
    Set<String> out = new HashSet<>();
    List<String> ids = new ArrayList<>(controlPlane ? BASE : WORKER_BASE);
    if (controlPlane) {
      ids.add("etcd");
    }
    ids.add("kubelet");
    for (String id : ids) {
      String point = "talos.service." + id;
      if (faults
          .next(point)
          .or(() -> faults.next(point + "@" + host))
          .filter("never-healthy"::equals)
          .isPresent()) {
        out.add(id);
      }
    }
    return Set.copyOf(out);
  }

  /**
   * The services of a 1.13+ node in maintenance mode, which ServiceList answers for the reader
   * role: the early services of the Initialize sequence (v1.13.9
   * internal/app/machined/pkg/runtime/v1alpha1/v1alpha1_sequencer.go: udevd, machined, apid,
   * auditd, syslogd, containerd, dashboard). Services without a health check report unknown.
   */
  static List<ServiceInfo> maintenance() {
    List<ServiceInfo> out = new ArrayList<>();
    for (String id :
        List.of("apid", "auditd", "containerd", "dashboard", "machined", "syslogd", "udevd")) {
      boolean checked = Set.of("apid", "containerd", "machined", "udevd").contains(id);
      out.add(info(id, "Running", checked, !checked, checked ? "Health check successful" : ""));
    }
    return out;
  }

  /** When Talos starts accepting Bootstrap on a node booted at {@code bootedAtNanos}. */
  long bootstrapReadyAt(long bootedAtNanos) {
    return bootedAtNanos + Math.max(servicesStart.toNanos(), timeSync.toNanos());
  }

  /** When etcd and kubelet (and so every core service) turn healthy on the bootstrap node. */
  long healthyAt(long bootedAtNanos, long etcdSinceNanos) {
    return Math.max(etcdSinceNanos, bootedAtNanos + servicesStart.toNanos())
        + etcdStart.toNanos()
        + kubeletReady.toNanos();
  }

  /**
   * The node's services now. Base services are the node's own; etcd (control planes only) and
   * kubelet depend on the cluster, which {@code cluster} describes.
   */
  List<ServiceInfo> at(
      boolean controlPlane, long bootedAtNanos, TalosCluster.View cluster, long now) {
    boolean baseUp = now - bootedAtNanos >= servicesStart.toNanos();
    List<ServiceInfo> out = new ArrayList<>();
    for (String id : controlPlane ? BASE : WORKER_BASE) {
      out.add(service(id, baseUp ? "Running" : "Preparing", baseUp, !baseUp, ""));
    }
    if (controlPlane) {
      String state = cluster.etcdState();
      out.add(
          service(
              "etcd",
              state,
              cluster.etcdHealthy(),
              !cluster.etcdHealthy() && !state.equals("Running"),
              cluster.etcdMessage()));
    }
    out.add(
        service(
            "kubelet",
            baseUp ? "Running" : "Waiting",
            cluster.kubeletHealthy(),
            !baseUp,
            cluster.kubeletMessage()));
    out.sort((a, b) -> a.getId().compareTo(b.getId()));
    return out;
  }

  private ServiceInfo service(
      String id, String state, boolean healthy, boolean unknown, String message) {
    if (neverHealthy.contains(id) && "Running".equals(state)) {
      return info(id, state, false, false, "health check failed: unhealthy (simulated)");
    }
    return info(id, state, healthy, unknown, healthy ? "Health check successful" : message);
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
