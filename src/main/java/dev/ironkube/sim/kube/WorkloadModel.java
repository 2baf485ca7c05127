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

/**
 * When the simulated cluster's workloads become ready. Each workload is tracked from its creation;
 * its status is computed when read, from the time model's delay for its kind and the fault armed
 * for it (asked once, at creation, so a run is reproducible from the fault seed).
 *
 * <p>Time-model steps, with their real-world defaults: {@code kube.deployment.ready} 40 s, {@code
 * kube.statefulset.ready} 60 s, {@code kube.daemonset.ready} 30 s, {@code kube.job.complete} 45 s,
 * {@code kube.application.healthy} 120 s (Argo CD pulling and syncing a chart). Fault point {@code
 * kube.workload.<namespace>/<name>}, kinds {@code image-pull} and {@code never-ready}.
 */
final class WorkloadModel {
  /** A workload being tracked. {@code podNamespace} differs for an Argo CD Application. */
  record Tracked(
      String kind,
      String namespace,
      String name,
      Instant readyAt,
      Optional<String> fault,
      String podNamespace,
      Map<String, String> podLabels) {

    boolean ready(Instant now) {
      return fault.isEmpty() && !now.isBefore(readyAt);
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

  WorkloadModel(TimeModel time, Faults faults, Clock clock) {
    this.time = time;
    this.faults = faults;
    this.clock = clock;
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
    tracked.put(
        key(kind.kind(), ns, name),
        new Tracked(
            kind.kind(), ns, name, clock.instant().plus(delay), fault, podNamespace, labels));
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
    WorkloadStatus.write(t, object, t.ready(clock.instant()));
  }

  /** The pods the workloads of {@code namespace} run now. */
  List<ObjectNode> pods(String namespace) {
    Instant now = clock.instant();
    List<ObjectNode> pods = new ArrayList<>();
    for (Tracked t : tracked.values()) {
      if (t.podNamespace().equals(namespace)) {
        pods.add(Pods.pod(t, now));
      }
    }
    return pods;
  }

  private static String key(String kind, String ns, String name) {
    return kind + "|" + ns + "|" + name;
  }

  static int replicas(JsonNode object) {
    return object.path("spec").path("replicas").asInt(1);
  }
}
