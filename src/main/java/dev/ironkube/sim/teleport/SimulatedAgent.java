package dev.ironkube.sim.teleport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The teleport-kube-agent of the simulated world: when its Argo CD Application is applied to a
 * simulated cluster, the agent "starts" and joins the Teleport cluster under the name its values
 * give, which Teleport accepts only with a live Kube join token.
 */
public final class SimulatedAgent {
  private SimulatedAgent() {}

  public static void onObjectCreated(ObjectNode object, TeleportAuthFake teleport) {
    if (!"Application".equals(object.path("kind").asText())
        || !"teleport-kube-agent".equals(object.path("metadata").path("name").asText())) {
      return;
    }
    JsonNode values = object.path("spec").path("source").path("helm").path("valuesObject");
    String name = values.path("kubeClusterName").asText("");
    if (!name.isEmpty()) {
      teleport.agentRegistered(name);
    }
  }
}
