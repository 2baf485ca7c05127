package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one pod each simulated workload runs, with the container state a kubelet would report: being
 * created, running, stuck pulling its image, or running but failing its readiness probe.
 */
final class Pods {
  private Pods() {}

  static Map<String, String> templateLabels(JsonNode workload) {
    Map<String, String> labels = new LinkedHashMap<>();
    workload
        .path("spec")
        .path("template")
        .path("metadata")
        .path("labels")
        .properties()
        .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  static Map<String, String> withJobName(Map<String, String> labels, String job) {
    Map<String, String> withJob = new LinkedHashMap<>(labels);
    withJob.put("job-name", job);
    withJob.put("batch.kubernetes.io/job-name", job);
    return withJob;
  }

  static ObjectNode pod(WorkloadModel.Tracked t, Instant now) {
    ObjectNode pod = JsonNodeFactory.instance.objectNode();
    pod.put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    meta.put("name", t.name() + "-" + suffix(t.name()));
    meta.put("namespace", t.podNamespace());
    ObjectNode labels = meta.putObject("labels");
    t.podLabels().forEach(labels::put);
    ObjectNode status = pod.putObject("status");
    ObjectNode container = status.putArray("containerStatuses").addObject();
    container.put("name", t.name()).put("restartCount", 0);
    ObjectNode state = container.putObject("state");
    String fault = t.fault().orElse("");
    boolean ready = t.ready(now);
    if (fault.equals("image-pull")) {
      status.put("phase", "Pending");
      container.put("ready", false);
      state
          .putObject("waiting")
          .put("reason", "ImagePullBackOff")
          .put("message", "Back-off pulling image for container " + t.name());
    } else if (fault.equals("never-ready")) {
      status.put("phase", "Running");
      container.put("ready", false);
      state.putObject("running").put("startedAt", now.toString());
    } else if (ready) {
      status.put("phase", t.kind().equals("Job") ? "Succeeded" : "Running");
      container.put("ready", !t.kind().equals("Job"));
      if (t.kind().equals("Job")) {
        state.putObject("terminated").put("reason", "Completed").put("exitCode", 0);
      } else {
        state.putObject("running").put("startedAt", now.toString());
      }
    } else {
      status.put("phase", "Pending");
      container.put("ready", false);
      state.putObject("waiting").put("reason", "ContainerCreating");
    }
    return pod;
  }

  private static String suffix(String name) {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    int h = Math.abs(name.hashCode());
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      s.append(alphabet.charAt(h % alphabet.length()));
      h /= alphabet.length();
    }
    return s.toString();
  }
}
