package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The status fields a controller would write for a workload, ready or not yet. */
final class WorkloadStatus {
  private WorkloadStatus() {}

  static void write(WorkloadModel.Tracked t, ObjectNode object, boolean ready) {
    ObjectNode status = object.putObject("status");
    long generation = object.path("metadata").path("generation").asLong(1);
    int replicas = WorkloadModel.replicas(object);
    int readyCount = ready ? replicas : 0;
    switch (t.kind()) {
      case "Deployment" -> {
        status.put("observedGeneration", generation);
        status.put("replicas", replicas).put("updatedReplicas", replicas);
        status.put("readyReplicas", readyCount).put("availableReplicas", readyCount);
        if (!ready) {
          status.put("unavailableReplicas", replicas);
        }
        condition(
            status,
            "Available",
            ready,
            ready ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable");
      }
      case "StatefulSet" -> {
        status.put("observedGeneration", generation);
        status.put("replicas", replicas).put("currentReplicas", replicas);
        status.put("updatedReplicas", replicas);
        status.put("readyReplicas", readyCount).put("availableReplicas", readyCount);
      }
      case "DaemonSet" -> {
        status.put("observedGeneration", generation);
        status.put("desiredNumberScheduled", 1).put("currentNumberScheduled", 1);
        status.put("updatedNumberScheduled", 1).put("numberMisscheduled", 0);
        status.put("numberReady", ready ? 1 : 0).put("numberAvailable", ready ? 1 : 0);
      }
      case "Job" -> {
        if (ready) {
          status.put("succeeded", 1);
          condition(status, "Complete", true, "CompletionsReached");
        } else {
          status.put("active", 1);
        }
      }
      case "Application" -> {
        status.putObject("sync").put("status", ready ? "Synced" : "OutOfSync");
        ObjectNode health = status.putObject("health");
        health.put(
            "status", ready ? "Healthy" : t.fault().isPresent() ? "Degraded" : "Progressing");
      }
      default -> {}
    }
  }

  private static void condition(ObjectNode status, String type, boolean holds, String reason) {
    status
        .putArray("conditions")
        .addObject()
        .put("type", type)
        .put("status", holds ? "True" : "False")
        .put("reason", reason);
  }
}
