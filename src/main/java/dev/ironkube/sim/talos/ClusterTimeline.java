package dev.ironkube.sim.talos;

import static dev.ironkube.sim.talos.ClusterSeat.NEVER;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.SimEvents;
import dev.ironkube.sim.kube.KubeCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * How a cluster's nodes advance in time (the rules are listed on {@link TalosCluster}): control
 * planes joining etcd, joined ones serving the API, inline manifests applied once per boot,
 * kubelets turning healthy and registering their Node. Called under the cluster's lock; what must
 * happen outside it comes back as effects, and instants to come back at go to {@link Wake}.
 */
final class ClusterTimeline {
  /** Asks to be reconciled again at {@code nanos}, computed at {@code now}. */
  interface Wake {
    void at(long nanos, long now);
  }

  private final Collection<ClusterSeat> seats;
  private final ClusterPaths paths;
  private final Duration etcdJoin;
  private final Duration kubeletReady;
  private final Wake wake;
  private int joined;

  ClusterTimeline(
      Collection<ClusterSeat> seats,
      ClusterPaths paths,
      Duration etcdJoin,
      Duration kubeletReady,
      Wake wake) {
    this.seats = seats;
    this.paths = paths;
    this.etcdJoin = etcdJoin;
    this.kubeletReady = kubeletReady;
    this.wake = wake;
  }

  /** {@code s} becomes the next etcd member, with a stable id for its name and place. */
  void admit(ClusterSeat s) {
    s.etcdMember = true;
    s.joinOrder = ++joined;
    s.etcdId = etcdId(s.m.hostname(), s.joinOrder);
  }

  /** Members restored from a snapshot hold join orders up to {@code highest}. */
  void restoredUpTo(int highest) {
    joined = Math.max(joined, highest);
  }

  TalosCluster.View viewOf(ClusterSeat s, long now) {
    String etcdState;
    boolean etcdHealthy = false;
    if (s.etcdMember) {
      etcdHealthy = now >= s.etcdUpAt;
      etcdState = etcdHealthy ? "Running" : "Waiting";
    } else if (s.m.neverHealthy().contains("etcd") && joinCandidate(s) <= now) {
      etcdState = "Running"; // up, but it never gets into the cluster: its health check fails
    } else {
      etcdState = "Preparing";
    }
    boolean kubeletHealthy = s.kubeletLatched && now >= s.kubeletAt;
    return new TalosCluster.View(
        etcdState, etcdHealthy, s.etcdMessage, kubeletHealthy, s.kubeletMessage);
  }

  /** etcd member ids are random 64-bit numbers; these are stable per name and join. */
  private static long etcdId(String hostname, int order) {
    long h = 1125899906842597L + order;
    for (char c : hostname.toCharArray()) {
      h = 31 * h + c;
    }
    return (h ^ (h >>> 29)) & Long.MAX_VALUE;
  }

  private long apiUpAt() {
    long at = NEVER;
    for (ClusterSeat s : seats) {
      if (s.etcdMember && !s.gone && s.m.up()) {
        at = Math.min(at, s.etcdUpAt);
      }
    }
    return at;
  }

  private long joinCandidate(ClusterSeat s) {
    long api = apiUpAt();
    return api == NEVER ? NEVER : Math.max(api, s.m.baseUpAt()) + etcdJoin.toNanos();
  }

  /**
   * Advances every node to {@code now}; returns what to do outside the lock. {@code kube} is the
   * cluster's Kubernetes state, null until its first API server started.
   */
  List<Runnable> reconcile(long now, KubeCluster kube) {
    List<Runnable> effects = new ArrayList<>();
    List<ClusterSeat> joiners =
        seats.stream()
            .filter(s -> !s.gone && s.m.up() && s.m.controlPlane() && !s.etcdMember)
            .filter(s -> !s.m.neverHealthy().contains("etcd"))
            .sorted(Comparator.comparingLong(this::joinCandidate))
            .toList();
    for (ClusterSeat j : joiners) {
      long candidate = joinCandidate(j);
      if (candidate == NEVER) {
        continue;
      }
      if (now < candidate) {
        wake.at(candidate, now);
        continue;
      }
      String blocked = paths.etcdPathBlocked(j);
      if (blocked != null) {
        j.joinBlocked = true;
        j.etcdMessage = blocked;
        continue;
      }
      admit(j);
      j.etcdUpAt = j.joinBlocked ? now : candidate;
      j.etcdMessage = "";
    }
    for (ClusterSeat s : seats) {
      // A joined control plane serves the cluster's state, once the first API server created it.
      if (s.etcdMember
          && !s.bootstrapNode
          && !s.gone
          && s.m.up()
          && kube != null
          && !s.apiRequested) {
        s.apiRequested = true;
        effects.add(s.m.node().life::serveClusterApi);
      }
    }
    applyManifests(now, kube, effects);
    long api = apiUpAt();
    for (ClusterSeat s : seats) {
      if (s.gone || !s.m.up() || s.kubeletLatched || api == NEVER) {
        continue;
      }
      long ready = Math.max(s.m.baseUpAt(), api) + kubeletReady.toNanos();
      if (now < ready) {
        wake.at(ready, now);
        continue;
      }
      String blocked = paths.kubeletPathBlocked(s, now);
      if (blocked != null) {
        s.kubeletBlocked = true;
        s.kubeletMessage = blocked;
        continue;
      }
      s.kubeletLatched = true;
      s.kubeletAt = s.kubeletBlocked ? now : ready;
      s.kubeletMessage = "";
    }
    for (ClusterSeat s : seats) {
      if (s.gone || !s.kubeletLatched) {
        continue;
      }
      boolean healthy = !s.m.neverHealthy().contains("kubelet");
      if (!s.registered && kube != null) {
        s.registered = true;
        TalosCluster.Member m = s.m;
        effects.add(
            () -> {
              kube.registerNode(m.hostname(), m.address(), m.controlPlane(), healthy);
              NodeInfoReport.post(kube, m.node());
            });
        if (healthy) {
          m.events().recordAt(SimEvents.KUBERNETES_READY, m.subject(), s.kubeletAt);
        }
      }
      boolean etcdDone = !s.m.controlPlane() || (s.etcdMember && s.etcdUpAt <= now);
      if (!s.bootstrapNode && !s.healthyRecorded && etcdDone && s.m.neverHealthy().isEmpty()) {
        s.healthyRecorded = true;
        long at = s.m.controlPlane() ? Math.max(s.kubeletAt, s.etcdUpAt) : s.kubeletAt;
        s.m.events().recordAt(SimEvents.SERVICES_HEALTHY, s.m.subject(), at);
      }
    }
    return effects;
  }

  /**
   * Talos's manifest controller on each control plane, once per boot: it waits for its etcd to be
   * healthy (it takes an etcd lock) and then creates, through the local API server, whatever of its
   * inline manifests does not exist yet (siderolabs/talos v1.11.6 {@code
   * internal/app/machined/pkg/controllers/k8s/manifest_apply.go}). Every control plane does it;
   * only the first creates anything, and a reboot restores what was deleted.
   */
  private void applyManifests(long now, KubeCluster kube, List<Runnable> effects) {
    if (kube == null) {
      return;
    }
    for (ClusterSeat s : seats) {
      if (s.gone || !s.m.up() || !s.m.controlPlane() || !s.etcdMember || s.manifestsApplied) {
        continue;
      }
      if (now < s.etcdUpAt) {
        wake.at(s.etcdUpAt, now);
        continue;
      }
      s.manifestsApplied = true;
      List<ObjectNode> objects = s.m.manifests();
      effects.add(() -> kube.createMissing(objects));
    }
  }
}
