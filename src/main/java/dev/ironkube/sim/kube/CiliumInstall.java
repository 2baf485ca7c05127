package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * What {@code cilium install} does once its Job's pod runs (Talos docs, "Deploying Cilium CNI",
 * method 5: a host-network Job running cilium-cli): it installs the Cilium chart into kube-system,
 * which creates the agent DaemonSet and the operator Deployment through the API. The simulation
 * creates those two, with the names, labels, host network and tolerations the chart gives them
 * (cilium/charts 1.18.12: {@code templates/cilium-agent/daemonset.yaml}, name {@code cilium}, label
 * {@code k8s-app: cilium}; {@code templates/cilium-operator/deployment.yaml}, name {@code
 * cilium-operator}, label {@code io.cilium/app: operator}; both {@code tolerations: [{operator:
 * Exists}]}), and nothing else of the chart's ConfigMaps, RBAC and Services.
 */
final class CiliumInstall {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private CiliumInstall() {}

  /**
   * The Cilium version a Job runs {@code cilium install} for; empty when it runs something else.
   */
  static Optional<String> version(JsonNode job) {
    for (JsonNode container : job.path("spec").path("template").path("spec").path("containers")) {
      JsonNode command = container.path("command");
      if (command.path(0).asText().equals("cilium") && command.path(1).asText().equals("install")) {
        String version = "";
        for (JsonNode arg : command) {
          if (arg.asText().startsWith("--version=")) {
            version = arg.asText().substring("--version=".length());
          }
        }
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }

  /** The objects the install creates, agent DaemonSet first. */
  static List<ObjectNode> objects(String version) {
    String tag = version.isEmpty() ? "latest" : version.startsWith("v") ? version : "v" + version;
    return List.of(
        workload(
            "DaemonSet",
            "cilium",
            "k8s-app",
            "cilium",
            "cilium-agent",
            "quay.io/cilium/cilium:" + tag),
        workload(
            "Deployment",
            "cilium-operator",
            "io.cilium/app",
            "operator",
            "cilium-operator",
            "quay.io/cilium/operator-generic:" + tag));
  }

  private static ObjectNode workload(
      String kind, String name, String labelKey, String labelValue, String appName, String image) {
    ObjectNode o = F.objectNode();
    o.put("apiVersion", "apps/v1").put("kind", kind);
    ObjectNode meta = o.putObject("metadata").put("name", name).put("namespace", "kube-system");
    meta.putObject("labels")
        .put(labelKey, labelValue)
        .put("app.kubernetes.io/name", appName)
        .put("app.kubernetes.io/part-of", "cilium");
    ObjectNode spec = o.putObject("spec");
    spec.putObject("selector").putObject("matchLabels").put(labelKey, labelValue);
    ObjectNode template = spec.putObject("template");
    template
        .putObject("metadata")
        .putObject("labels")
        .put(labelKey, labelValue)
        .put("app.kubernetes.io/name", appName);
    ObjectNode pod = template.putObject("spec");
    pod.put("hostNetwork", true);
    pod.putArray("tolerations").addObject().put("operator", "Exists");
    pod.putArray("containers").addObject().put("name", appName).put("image", image);
    return o;
  }
}
