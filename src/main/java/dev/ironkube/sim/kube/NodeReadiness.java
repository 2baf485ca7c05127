package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A node's Ready condition as its kubelet posts it, which needs a pod network: the kubelet turns
 * Ready only once the container runtime reports NetworkReady, and containerd does so only once a
 * CNI configuration file exists on the node, which the CNI's agent pod writes there when it is up.
 * Until then the kubelet posts Ready False with the runtime's error, as upstream builds it:
 *
 * <ul>
 *   <li>containerd {@code internal/cri/server/status.go} ({@code Status}): NetworkReady false,
 *       reason {@code NetworkPluginNotReady}, message {@code "Network plugin returns error: %v"};
 *       the error is containerd/go-cni {@code errors.go} {@code ErrCNINotInitialized}, "cni plugin
 *       not initialized", while no CNI config was loaded;
 *   <li>kubernetes {@code pkg/kubelet/kubelet.go} ({@code updateRuntimeUp}) records {@code
 *       "container runtime network not ready: %v"} of that condition, printed by {@code
 *       pkg/kubelet/container/runtime.go} {@code RuntimeCondition.String} as {@code "%s=%t
 *       reason:%s message:%s"};
 *   <li>{@code pkg/kubelet/nodestatus/setters.go} ({@code ReadyCondition}) then posts status False,
 *       reason {@code KubeletNotReady}, the errors joined by "," as the message.
 * </ul>
 *
 * The CNI modelled is Cilium: its chart's agent DaemonSet (cilium/charts 1.18.12, {@code
 * templates/cilium-agent/daemonset.yaml}: kube-system, pod label {@code k8s-app: cilium}, host
 * network, tolerating everything) writes {@code /etc/cni/net.d/05-cilium.conflist} when ready
 * ({@code write-cni-conf-when-ready} in its ConfigMap). Its agent is ready on a node {@code
 * kube.daemonset.ready} after both the DaemonSet and the node exist; a fault armed for the
 * DaemonSet keeps every node NotReady. The condition is computed when read, like workload status.
 */
final class NodeReadiness {
  /** The Ready message of a kubelet whose runtime has no CNI configuration yet. */
  static final String NETWORK_NOT_READY =
      "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady"
          + " message:Network plugin returns error: cni plugin not initialized";

  private static final ApiKind DAEMONSETS =
      new ApiKind("apps", "v1", "DaemonSet", "daemonsets", true);

  private final ObjectStore store;
  private final WorkloadModel workloads;

  NodeReadiness(ObjectStore store, WorkloadModel workloads) {
    this.store = store;
    this.workloads = workloads;
  }

  /** When the CNI agent on a node registered at {@code registeredAt} is up; empty: not (yet). */
  Optional<Instant> networkReadyAt(Instant registeredAt) {
    Optional<Instant> best = Optional.empty();
    for (ObjectNode ds : store.list(DAEMONSETS, "kube-system")) {
      if (!isCniAgent(ds)) {
        continue;
      }
      String name = ds.path("metadata").path("name").asText();
      Optional<WorkloadModel.Tracked> t = workloads.find("DaemonSet", "kube-system", name);
      if (t.isEmpty() || t.get().fault().isPresent()) {
        continue;
      }
      Duration start = workloads.delay("DaemonSet");
      Instant onNode = registeredAt.plus(start);
      Instant at = t.get().readyAt().isAfter(onNode) ? t.get().readyAt() : onNode;
      if (best.isEmpty() || at.isBefore(best.get())) {
        best = Optional.of(at);
      }
    }
    return best;
  }

  /** Cilium's agent: the pod label its chart gives the agent DaemonSet. */
  static boolean isCniAgent(JsonNode daemonSet) {
    return "cilium"
        .equals(
            daemonSet
                .path("spec")
                .path("template")
                .path("metadata")
                .path("labels")
                .path("k8s-app")
                .asText());
  }

  /**
   * Rewrites the Ready condition of {@code node} as its kubelet would post it at {@code now}: a
   * kubelet that is healthy but has no pod network yet reports NotReady with the runtime's error.
   */
  void decorate(ObjectNode node, Instant now) {
    for (JsonNode c : node.path("status").path("conditions")) {
      if (!c.path("type").asText().equals("Ready") || !c.path("status").asText().equals("True")) {
        continue;
      }
      ObjectNode ready = (ObjectNode) c;
      Optional<Instant> network = networkReadyAt(registeredAt(node, now));
      if (network.isPresent() && !now.isBefore(network.get())) {
        String since = network.get().truncatedTo(ChronoUnit.SECONDS).toString();
        if (ready.path("lastTransitionTime").asText("").compareTo(since) < 0) {
          ready.put("lastTransitionTime", since);
        }
      } else {
        ready
            .put("status", "False")
            .put("reason", "KubeletNotReady")
            .put("message", NETWORK_NOT_READY);
      }
    }
  }

  /** Whether {@code node}'s Ready condition, as decorated, is True at {@code now}. */
  boolean ready(JsonNode node, Instant now) {
    ObjectNode copy = ((ObjectNode) node).deepCopy();
    decorate(copy, now);
    for (JsonNode c : copy.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }

  private static Instant registeredAt(JsonNode node, Instant fallback) {
    String created = node.path("metadata").path("creationTimestamp").asText("");
    return created.isEmpty() ? fallback : Instant.parse(created);
  }
}
