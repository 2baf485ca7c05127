package dev.ironkube.platform;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a workload's status the way its controller means it. */
final class Readiness {
  /** What one look at a target found. */
  record State(boolean ready, boolean failed, String detail) {
    static State ready(String detail) {
      return new State(true, false, detail);
    }

    static State waiting(String detail) {
      return new State(false, false, detail);
    }
  }

  private Readiness() {}

  static State of(String kind, JsonNode live) {
    if (live == null) {
      return State.waiting("not created yet");
    }
    JsonNode status = live.path("status");
    int replicas = live.path("spec").path("replicas").asInt(1);
    return switch (kind) {
      case "Deployment", "StatefulSet" -> {
        int ready = status.path("readyReplicas").asInt(0);
        boolean current =
            status.path("observedGeneration").asLong(0)
                >= live.path("metadata").path("generation").asLong(0);
        String detail = ready + "/" + replicas + " replicas ready";
        yield ready >= replicas && current ? State.ready(detail) : State.waiting(detail);
      }
      case "DaemonSet" -> {
        int desired = status.path("desiredNumberScheduled").asInt(0);
        int ready = status.path("numberReady").asInt(0);
        String detail = ready + "/" + desired + " pods ready";
        yield desired > 0 && ready >= desired ? State.ready(detail) : State.waiting(detail);
      }
      case "Job" -> {
        if (status.path("succeeded").asInt(0) >= 1) {
          yield State.ready("completed");
        }
        for (JsonNode c : status.path("conditions")) {
          if (c.path("type").asText().equals("Failed")
              && c.path("status").asText().equals("True")) {
            yield new State(false, true, "failed: " + c.path("reason").asText("unknown reason"));
          }
        }
        yield State.waiting("running");
      }
      case "Application" -> {
        String sync = status.path("sync").path("status").asText("Unknown");
        String health = status.path("health").path("status").asText("Unknown");
        String detail = "sync " + sync + ", health " + health;
        yield sync.equals("Synced") && health.equals("Healthy")
            ? State.ready(detail)
            : State.waiting(detail);
      }
      default -> State.ready("exists");
    };
  }
}
