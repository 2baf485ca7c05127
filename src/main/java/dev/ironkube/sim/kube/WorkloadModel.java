package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * When the simulated cluster's workloads become ready. Each workload is tracked from its creation;
 * its status is computed when read, from the time model's delay for its kind and the fault armed
 * for it (asked once, at creation, so a run is reproducible from the fault seed).
 *
 * <p>Time-model steps, with their real-world defaults: {@code kube.deployment.ready} 40 s, {@code
 * kube.statefulset.ready} 60 s, {@code kube.daemonset.ready} 30 s, {@code kube.job.complete} 45 s,
 * {@code kube.application.healthy} 120 s (Argo CD pulling and syncing a chart). Fault point {@code
 * kube.workload.<namespace>/<name>}, kinds {@code image-pull} and {@code never-ready}.
 *
 * <p>Each workload runs one pod, scheduled at creation to the Ready, uncordoned node running the
 * fewest pods (pending while there is none). An evicted pod is replaced by its controller at once,
 * on another schedulable node, and takes the workload's full start delay again; so does a pod whose
 * Node object is deleted. A pod on a node cut off from the CNI's VXLAN runs but is not ready
 * ({@link NodeNetwork#podNetworkUp}). Not modelled: taints (ironkube's control planes allow
 * workloads), replicas beyond one pod, one DaemonSet pod per node, PodDisruptionBudgets.
 */
final class WorkloadModel {
  /**
   * A workload being tracked. {@code podNamespace} differs for an Argo CD Application. Its one pod
   * runs on {@code nodeName} (null: not scheduled yet); {@code incarnation} counts the pods the
   * controller had to recreate (after an eviction, say), and names the current one.
   */
  record Tracked(
      String kind,
      String namespace,
      String name,
      Instant readyAt,
      Optional<String> fault,
      String podNamespace,
      Map<String, String> podLabels,
      String nodeName,
      int incarnation) {

    boolean ready(Instant now) {
      return fault.isEmpty() && nodeName != null && !now.isBefore(readyAt);
    }

    String podName() {
      return Pods.podName(name, incarnation);
    }

    Tracked on(String node, Instant ready, int nextIncarnation) {
      return new Tracked(
          kind, namespace, name, ready, fault, podNamespace, podLabels, node, nextIncarnation);
    }
  }

  private static final Map<String, String> STEPS =
      Map.of(
          "Deployment", "kube.deployment.ready",
          "StatefulSet", "kube.statefulset.ready",
          "DaemonSet", "kube.daemonset.ready",
          "Job", "kube.job.complete",
          "Application", "kube.application.healthy");
  private static final Map<String, Duration> DEFAULTS =
      Map.of(
          "Deployment", Duration.ofSeconds(40),
          "StatefulSet", Duration.ofSeconds(60),
          "DaemonSet", Duration.ofSeconds(30),
          "Job", Duration.ofSeconds(45),
          "Application", Duration.ofSeconds(120));

  private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
  private final TimeModel time;
  private final Faults faults;
  private final Clock clock;
  private final Supplier<List<String>> schedulable;
  private volatile NodeNetwork network = NodeNetwork.OPEN;

  /**
   * @param schedulable the nodes a pod may be scheduled to now (Ready, not cordoned)
   */
  WorkloadModel(TimeModel time, Faults faults, Clock clock, Supplier<List<String>> schedulable) {
    this.time = time;
    this.faults = faults;
    this.clock = clock;
    this.schedulable = schedulable;
  }

  void useNetwork(NodeNetwork network) {
    this.network = network;
  }

  boolean kubeletReachable(String apiServerAddress, String nodeName) {
    return network.kubeletReachable(apiServerAddress, nodeName);
  }

  static boolean isWorkload(String kind) {
    return STEPS.containsKey(kind);
  }

  void created(ApiKind kind, ObjectNode object) {
    if (!isWorkload(kind.kind())) {
      return;
    }
    String ns = object.path("metadata").path("namespace").asText();
    String name = object.path("metadata").path("name").asText();
    Duration delay = time.duration(STEPS.get(kind.kind()), DEFAULTS.get(kind.kind()));
    Optional<String> fault = faults.next("kube.workload." + ns + "/" + name);
    String podNamespace = ns;
    Map<String, String> labels;
    if (kind.kind().equals("Application")) {
      podNamespace = object.path("spec").path("destination").path("namespace").asText(ns);
      labels = Map.of("app.kubernetes.io/instance", name);
    } else {
      labels = Pods.templateLabels(object);
      if (kind.kind().equals("Job")) {
        labels = Pods.withJobName(labels, name);
      }
    }
    Instant now = clock.instant();
    String node = pickNode(null);
    tracked.put(
        key(kind.kind(), ns, name),
        new Tracked(kind.kind(), ns, name, now.plus(delay), fault, podNamespace, labels, node, 0));
  }

  void deleted(ApiKind kind, String namespace, String name) {
    tracked.remove(key(kind.kind(), namespace, name));
  }

  /** Writes the status the workload has now into {@code object}. */
  void decorate(ApiKind kind, ObjectNode object) {
    String ns = object.path("metadata").path("namespace").asText();
    String name = object.path("metadata").path("name").asText();
    Tracked t = tracked.get(key(kind.kind(), ns, name));
    if (t == null) {
      return;
    }
    WorkloadStatus.write(t, object, ready(scheduled(t), clock.instant()));
  }

  /** The pods the workloads of {@code namespace} (null: of every namespace) run now. */
  List<ObjectNode> pods(String namespace) {
    Instant now = clock.instant();
    List<ObjectNode> pods = new ArrayList<>();
    for (Tracked t : List.copyOf(tracked.values())) {
      if (namespace == null || t.podNamespace().equals(namespace)) {
        Tracked s = scheduled(t);
        pods.add(Pods.pod(s, now, ready(s, now), networkUp(s)));
      }
    }
    return pods;
  }

  /**
   * The eviction API (and a pod delete): the pod goes, and its controller creates a replacement,
   * scheduled to a Ready, uncordoned node if any (a DaemonSet's stays on its node, as its
   * controller tolerates the cordon). False when no such pod runs.
   */
  synchronized boolean evict(String namespace, String podName) {
    for (Map.Entry<String, Tracked> e : tracked.entrySet()) {
      Tracked t = e.getValue();
      if (t.podNamespace().equals(namespace) && t.podName().equals(podName)) {
        String node = t.kind().equals("DaemonSet") ? t.nodeName() : pickNode(null);
        e.setValue(t.on(node, clock.instant().plus(delay(t.kind())), t.incarnation() + 1));
        return true;
      }
    }
    return false;
  }

  /** The pod garbage collector and the controllers after a Node object is deleted. */
  synchronized void nodeDeleted(String nodeName) {
    for (Map.Entry<String, Tracked> e : tracked.entrySet()) {
      Tracked t = e.getValue();
      if (nodeName.equals(t.nodeName())) {
        e.setValue(
            t.on(pickNode(nodeName), clock.instant().plus(delay(t.kind())), t.incarnation() + 1));
      }
    }
  }

  private boolean ready(Tracked t, Instant now) {
    return t.ready(now) && networkUp(t);
  }

  private boolean networkUp(Tracked t) {
    return t.nodeName() == null || network.podNetworkUp(t.nodeName());
  }

  /** The scheduler's turn for a pod still pending because no node could take it. */
  private synchronized Tracked scheduled(Tracked t) {
    if (t.nodeName() != null) {
      return t;
    }
    String node = pickNode(null);
    if (node == null) {
      return t;
    }
    Instant readyAt = clock.instant().plus(delay(t.kind()));
    Tracked placed = t.on(node, readyAt.isAfter(t.readyAt()) ? readyAt : t.readyAt(), 0);
    tracked.replace(key(t.kind(), t.namespace(), t.name()), t, placed);
    return placed;
  }

  /**
   * The schedulable node running the fewest tracked pods, other than {@code avoid}; ties by name.
   */
  private String pickNode(String avoid) {
    Map<String, Long> load = new java.util.HashMap<>();
    for (Tracked t : tracked.values()) {
      if (t.nodeName() != null) {
        load.merge(t.nodeName(), 1L, Long::sum);
      }
    }
    return schedulable.get().stream()
        .filter(n -> !n.equals(avoid))
        .min(
            java.util.Comparator.<String>comparingLong(n -> load.getOrDefault(n, 0L))
                .thenComparing(n -> n))
        .orElse(null);
  }

  private Duration delay(String kind) {
    return time.duration(STEPS.get(kind), DEFAULTS.get(kind));
  }

  private static String key(String kind, String ns, String name) {
    return kind + "|" + ns + "|" + name;
  }

  static int replicas(JsonNode object) {
    return object.path("spec").path("replicas").asInt(1);
  }
}
