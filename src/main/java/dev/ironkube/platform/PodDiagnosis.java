package dev.ironkube.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why a workload is not ready, in the words a kubelet uses: the failing pod and its container's
 * waiting reason (ImagePullBackOff, CrashLoopBackOff...), a failed readiness probe, or why it could
 * not be scheduled. An Argo CD Application's pods are found by Argo CD's tracking label in its
 * destination namespace.
 */
final class PodDiagnosis {
  private static final Set<String> ROUTINE = Set.of("ContainerCreating", "PodInitializing");

  private PodDiagnosis() {}

  /** Where to look: namespace and label selector of the target's pods. */
  record PodQuery(String namespace, Map<String, String> labels) {}

  static PodQuery podsOf(ReadyTarget target, JsonNode live) {
    Map<String, String> labels = new LinkedHashMap<>();
    String ns = target.namespace();
    switch (target.kind()) {
      case "Job" -> labels.put("job-name", target.name());
      case "Application" -> {
        ns = live == null ? ns : live.path("spec").path("destination").path("namespace").asText(ns);
        labels.put("app.kubernetes.io/instance", target.name());
      }
      default -> {
        if (live != null) {
          live.path("spec")
              .path("selector")
              .path("matchLabels")
              .properties()
              .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
      }
    }
    return new PodQuery(ns, labels);
  }

  static String explain(KubernetesClient client, ReadyTarget target, JsonNode live) {
    PodQuery q = podsOf(target, live);
    if (q.labels().isEmpty()) {
      return "no pods found";
    }
    List<Pod> pods =
        client.pods().inNamespace(q.namespace()).withLabels(q.labels()).list().getItems();
    if (pods.isEmpty()) {
      return "no pods were created in namespace " + q.namespace();
    }
    List<String> reasons = new ArrayList<>();
    for (Pod pod : pods) {
      String why = reason(pod);
      if (why != null) {
        reasons.add("pod " + pod.getMetadata().getName() + ": " + why);
      }
    }
    return reasons.isEmpty() ? "pods are running but not ready yet" : String.join("; ", reasons);
  }

  private static String reason(Pod pod) {
    if (pod.getStatus() == null) {
      return "no status reported";
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    if (pod.getStatus().getInitContainerStatuses() != null) {
      statuses.addAll(pod.getStatus().getInitContainerStatuses());
    }
    if (pod.getStatus().getContainerStatuses() != null) {
      statuses.addAll(pod.getStatus().getContainerStatuses());
    }
    for (ContainerStatus c : statuses) {
      var state = c.getState();
      if (state != null && state.getWaiting() != null) {
        String r = state.getWaiting().getReason();
        if (r != null && !ROUTINE.contains(r)) {
          return r + withMessage(state.getWaiting().getMessage());
        }
      }
      if (state != null && state.getTerminated() != null) {
        Integer code = state.getTerminated().getExitCode();
        if (code != null && code != 0) {
          return state.getTerminated().getReason() + " (exit code " + code + ")";
        }
      }
      if (state != null && state.getRunning() != null && !Boolean.TRUE.equals(c.getReady())) {
        return "container " + c.getName() + " is running but not ready (readiness probe failing)";
      }
    }
    if (pod.getStatus().getConditions() != null) {
      for (PodCondition c : pod.getStatus().getConditions()) {
        if (c.getType().equals("PodScheduled") && c.getStatus().equals("False")) {
          return "unschedulable" + withMessage(c.getMessage());
        }
      }
    }
    String phase = pod.getStatus().getPhase();
    return "Running".equals(phase) || "Succeeded".equals(phase) ? null : "phase " + phase;
  }

  private static String withMessage(String message) {
    return message == null || message.isBlank() ? "" : " (" + message + ")";
  }
}
