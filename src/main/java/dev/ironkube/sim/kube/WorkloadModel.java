package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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
 * fewest pods (pending while there is none). A pod on the host network that tolerates every taint
 * (a CNI's agent, the Cilium install Job) may also land on a NotReady node, as the scheduler lets
 * it past the {@code node.kubernetes.io/not-ready} taint and the kubelet starts host-network pods
 * without a CNI; a required node affinity of the form {@code key Exists} keeps it to nodes with
 * that label. An evicted pod is replaced by its controller at once, on another schedulable node,
 * and takes the workload's full start delay again; so does a pod whose Node object is deleted. A
 * pod on a node cut off from the CNI's VXLAN runs but is not ready ({@link
 * NodeNetwork#podNetworkUp}). Not modelled: taints beyond not-ready (ironkube's control planes
 * allow workloads), replicas beyond one pod, one DaemonSet pod per node (the CNI agent's per-node
 * readiness is {@link NodeReadiness}'s), PodDisruptionBudgets.
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
      int incarnation,
      Placement placement,
      Instant podCreated) {

    boolean ready(Instant now) {
      return fault.isEmpty() && nodeName != null && !now.isBefore(readyAt);
    }

    String podName() {
      return Pods.podName(name, incarnation);
    }

    /**
     * @param created when the controller created the pod now running: the old pod's time while it
     *     is only being scheduled, the moment of the replacement after an eviction
     */
    Tracked on(String node, Instant ready, int nextIncarnation, Instant created) {
      return new Tracked(
          kind,
          namespace,
          name,
          ready,
          fault,
          podNamespace,
          podLabels,
          node,
          nextIncarnation,
          placement,
          created);
    }
  }

  /** A node a pod could be scheduled to: not cordoned; its Ready condition; its label keys. */
  record Candidate(String name, boolean ready, Set<String> labels) {}

  /**
   * Where a pod may go: {@code anyNode} for a host-network pod tolerating every taint (Ready or
   * not); {@code requiredLabel}, when set, a label key the node must carry.
   */
  record Placement(boolean anyNode, String requiredLabel) {
    static final Placement DEFAULT = new Placement(false, null);

    static Placement of(JsonNode workload) {
      JsonNode pod = workload.path("spec").path("template").path("spec");
      boolean tolerateAll = false;
      for (JsonNode t : pod.path("tolerations")) {
        tolerateAll |= t.path("operator").asText().equals("Exists") && !t.hasNonNull("key");
      }
      String label = null;
      for (JsonNode term :
          pod.path("affinity")
              .path("nodeAffinity")
              .path("requiredDuringSchedulingIgnoredDuringExecution")
              .path("nodeSelectorTerms")) {
        for (JsonNode e : term.path("matchExpressions")) {
          if (e.path("operator").asText().equals("Exists")) {
            label = e.path("key").asText();
          }
        }
      }
      return new Placement(tolerateAll && pod.path("hostNetwork").asBoolean(false), label);
    }

    boolean admits(Candidate c) {
      return (c.ready() || anyNode)
          && (requiredLabel == null || c.labels().contains(requiredLabel));
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
  private final Supplier<List<Candidate>> schedulable;
  private volatile NodeNetwork network = NodeNetwork.OPEN;
  private volatile Consumer<Tracked> onPlaced = t -> {};

  /**
   * @param schedulable the nodes a pod may be scheduled to now (not cordoned), with their readiness
   */
  WorkloadModel(TimeModel time, Faults faults, Clock clock, Supplier<List<Candidate>> schedulable) {
    this.time = time;
    this.faults = faults;
    this.clock = clock;
    this.schedulable = schedulable;
  }

  void useNetwork(NodeNetwork network) {
    this.network = network;
  }

  /** Called, outside this model's lock, when a workload's first pod is bound to a node. */
  void onPlaced(Consumer<Tracked> listener) {
    this.onPlaced = listener;
  }

  Optional<Tracked> find(String kind, String namespace, String name) {
    return Optional.ofNullable(tracked.get(key(kind, namespace, name)));
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
    Placement placement = Placement.DEFAULT;
    if (kind.kind().equals("Application")) {
      podNamespace = object.path("spec").path("destination").path("namespace").asText(ns);
      labels = Map.of("app.kubernetes.io/instance", name);
    } else {
      labels = Pods.templateLabels(object);
      placement = Placement.of(object);
      if (kind.kind().equals("Job")) {
        labels = Pods.withJobName(labels, name);
      }
    }
    Instant now = clock.instant();
    String node = pickNode(null, placement);
    Tracked t =
        new Tracked(
            kind.kind(),
            ns,
            name,
            now.plus(delay),
            fault,
            podNamespace,
            labels,
            node,
            0,
            placement,
            now);
    tracked.put(key(kind.kind(), ns, name), t);
    if (node != null) {
      onPlaced.accept(t);
    }
  }

  void deleted(ApiKind kind, String namespace, String name) {
    tracked.remove(key(kind.kind(), namespace, name));
  }

  /** The tracked workloads, in a stable order, for a datacenter snapshot. */
  List<KeptWorkload> keep() {
    Instant now = clock.instant();
    return tracked.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> KeptWorkload.of(e.getValue(), now))
        .toList();
  }

  /** Tracks {@code kept} again after a power cycle ({@link KeptWorkload#restarted}). */
  void restore(List<KeptWorkload> kept) {
    Instant now = clock.instant();
    tracked.clear();
    for (KeptWorkload k : kept) {
      if (isWorkload(k.kind())) {
        tracked.put(key(k.kind(), k.namespace(), k.name()), k.restarted(now, delay(k.kind())));
      }
    }
  }

  /** Writes the status the workload has now into {@code object}. */
  void decorate(ApiKind kind, ObjectNode object) {
    String ns = object.path("metadata").path("namespace").asText();
    String name = object.path("metadata").path("name").asText();
    Tracked t = tracked.get(key(kind.kind(), ns, name));
    if (t == null) {
      return;
    }
    WorkloadStatus.write(t, object, ready(schedule(t), clock.instant()));
  }

  /** The pods the workloads of {@code namespace} (null: of every namespace) run now. */
  List<ObjectNode> pods(String namespace) {
    Instant now = clock.instant();
    List<ObjectNode> pods = new ArrayList<>();
    for (Tracked t : List.copyOf(tracked.values())) {
      if (namespace == null || t.podNamespace().equals(namespace)) {
        Tracked s = schedule(t);
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
        String node = t.kind().equals("DaemonSet") ? t.nodeName() : pickNode(null, t.placement());
        Instant now = clock.instant();
        e.setValue(t.on(node, now.plus(delay(t.kind())), t.incarnation() + 1, now));
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
            t.on(
                pickNode(nodeName, t.placement()),
                clock.instant().plus(delay(t.kind())),
                t.incarnation() + 1,
                clock.instant()));
      }
    }
  }

  private boolean ready(Tracked t, Instant now) {
    return t.ready(now) && networkUp(t);
  }

  private boolean networkUp(Tracked t) {
    return t.nodeName() == null || network.podNetworkUp(t.nodeName());
  }

  /** {@link #scheduled}, then the placement listener when the pod was just bound. */
  private Tracked schedule(Tracked t) {
    Tracked s = scheduled(t);
    if (t.nodeName() == null && s.nodeName() != null) {
      onPlaced.accept(s);
    }
    return s;
  }

  /** The scheduler's turn for a pod still pending because no node could take it. */
  private synchronized Tracked scheduled(Tracked t) {
    Tracked current = tracked.get(key(t.kind(), t.namespace(), t.name()));
    if (current == null || current.nodeName() != null) {
      return current == null ? t : current;
    }
    t = current;
    String node = pickNode(null, t.placement());
    if (node == null) {
      return t;
    }
    Instant readyAt = clock.instant().plus(delay(t.kind()));
    Tracked placed =
        t.on(node, readyAt.isAfter(t.readyAt()) ? readyAt : t.readyAt(), 0, t.podCreated());
    tracked.replace(key(t.kind(), t.namespace(), t.name()), t, placed);
    return placed;
  }

  /**
   * The node {@code placement} admits running the fewest tracked pods, other than {@code avoid};
   * ties by name.
   */
  private String pickNode(String avoid, Placement placement) {
    Map<String, Long> load = new HashMap<>();
    Instant now = clock.instant();
    for (Tracked t : tracked.values()) {
      // A DaemonSet runs a pod on every node alike, and a finished Job's pod holds nothing: neither
      // makes one node busier than another.
      boolean weighs = !t.kind().equals("DaemonSet") && !(t.kind().equals("Job") && t.ready(now));
      if (t.nodeName() != null && weighs) {
        load.merge(t.nodeName(), 1L, Long::sum);
      }
    }
    return schedulable.get().stream()
        .filter(placement::admits)
        .map(Candidate::name)
        .filter(n -> !n.equals(avoid))
        .min(Comparator.<String>comparingLong(n -> load.getOrDefault(n, 0L)).thenComparing(n -> n))
        .orElse(null);
  }

  Duration delay(String kind) {
    return time.duration(STEPS.get(kind), DEFAULTS.get(kind));
  }

  private static String key(String kind, String ns, String name) {
    return kind + "|" + ns + "|" + name;
  }

  static int replicas(JsonNode object) {
    return object.path("spec").path("replicas").asInt(1);
  }
}
