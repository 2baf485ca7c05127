package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The one pod each simulated workload runs, with the node it is bound to and the container state a
 * kubelet would report: unschedulable, being created, running, stuck pulling its image, or running
 * but failing its readiness probe.
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

  /** The name of a workload's pod; a replacement (incarnation above 0) gets a new one. */
  static String podName(String workload, int incarnation) {
    return workload + "-" + suffix(incarnation == 0 ? workload : workload + "#" + incarnation);
  }

  /**
   * @param ready whether the workload's pod is ready now
   * @param networkUp whether its node has the pod network (else it runs but fails readiness)
   */
  static ObjectNode pod(WorkloadModel.Tracked t, Instant now, boolean ready, boolean networkUp) {
    ObjectNode pod = JsonNodeFactory.instance.objectNode();
    pod.put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    meta.put("name", t.podName());
    meta.put("namespace", t.podNamespace());
    // Set by the apiserver when the controller created the pod (ObjectMeta defaulting in
    // k8s.io/apiserver pkg/registry/rest/meta.go FillObjectMetaSystemFields): a uid stable
    // for this pod's life and its creation time, which kubectl's AGE reads.
    meta.put(
        "uid",
        UUID.nameUUIDFromBytes(
                (t.podNamespace() + "/" + t.podName() + "@" + t.podCreated())
                    .getBytes(StandardCharsets.UTF_8))
            .toString());
    meta.put("creationTimestamp", t.podCreated().truncatedTo(ChronoUnit.SECONDS).toString());
    ObjectNode labels = meta.putObject("labels");
    t.podLabels().forEach(labels::put);
    owner(t, meta);
    ObjectNode spec = pod.putObject("spec");
    // The one container whose status is reported below (printPod counts spec.containers for READY).
    spec.putArray("containers").addObject().put("name", t.name());
    if (t.nodeName() != null) {
      spec.put("nodeName", t.nodeName());
    }
    ObjectNode status = pod.putObject("status");
    if (t.nodeName() == null) {
      status.put("phase", "Pending");
      status
          .putArray("conditions")
          .addObject()
          .put("type", "PodScheduled")
          .put("status", "False")
          .put("reason", "Unschedulable")
          .put("message", "0 nodes are available: no Ready, schedulable node.");
      return pod;
    }
    ObjectNode container = status.putArray("containerStatuses").addObject();
    container.put("name", t.name()).put("restartCount", 0);
    ObjectNode state = container.putObject("state");
    String fault = t.fault().orElse("");
    if (fault.equals("image-pull")) {
      status.put("phase", "Pending");
      container.put("ready", false);
      state
          .putObject("waiting")
          .put("reason", "ImagePullBackOff")
          .put("message", "Back-off pulling image for container " + t.name());
    } else if (fault.equals("never-ready") || (!networkUp && t.ready(now))) {
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
    conditions(status, container.path("ready").asBoolean(), t.kind().equals("Job") && ready);
    return pod;
  }

  /**
   * The conditions kubelet's status manager writes on a scheduled pod (kubernetes v1.34 {@code
   * pkg/kubelet/status/generate.go}): Ready and ContainersReady follow the containers' readiness,
   * with reason ContainersNotReady, or PodCompleted once a Job's pod succeeded. Health checks
   * (talosctl's K8sPodReadyAssertion) read the Ready condition, not the container statuses.
   */
  private static void conditions(ObjectNode status, boolean containersReady, boolean completed) {
    var conditions = status.putArray("conditions");
    conditions.addObject().put("type", "PodScheduled").put("status", "True");
    conditions.addObject().put("type", "Initialized").put("status", "True");
    for (String type : new String[] {"ContainersReady", "Ready"}) {
      ObjectNode c = conditions.addObject().put("type", type);
      c.put("status", containersReady ? "True" : "False");
      if (!containersReady) {
        c.put("reason", completed ? "PodCompleted" : "ContainersNotReady");
      }
    }
  }

  /**
   * The controller that owns the pod, as drains look for it: a Deployment's pods belong to its
   * ReplicaSet (an Argo CD Application's stand for its Deployments' pods), the others to the
   * workload itself.
   */
  private static void owner(WorkloadModel.Tracked t, ObjectNode meta) {
    String kind =
        switch (t.kind()) {
          case "Deployment", "Application" -> "ReplicaSet";
          default -> t.kind();
        };
    String name = kind.equals("ReplicaSet") ? t.name() + "-" + suffix(t.name() + "/rs") : t.name();
    String apiVersion = t.kind().equals("Job") ? "batch/v1" : "apps/v1";
    meta.putArray("ownerReferences")
        .addObject()
        .put("apiVersion", apiVersion)
        .put("kind", kind)
        .put("name", name)
        .put("controller", true)
        .put("blockOwnerDeletion", true);
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
