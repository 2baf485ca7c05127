package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The columns and cells kube-apiserver's table printers give the kinds kubectl shows most (nodes,
 * pods, namespaces), and the default Name/Age table. Modelled on kubernetes/kubernetes {@code
 * pkg/printers/internalversion/printers.go} (the version whose printPod counts restartable init
 * containers, v1.29 and later): {@code AddHandlers} column definitions, {@code printNode}, {@code
 * printPod}, {@code printNamespace}, {@code AddDefaultHandlers}/{@code printObjectMeta}. The server
 * prints with {@code Wide: true} ({@code pkg/printers/storage/storage.go}), so priority-1 cells are
 * always there; kubectl hides them without {@code -o wide}.
 */
final class TableColumns {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String NAME_DOC =
      "Name must be unique within a namespace. Is required when creating resources, although some"
          + " resources may allow a client to request the generation of an appropriate name"
          + " automatically. Name is primarily intended for creation idempotence and configuration"
          + " definition. Cannot be updated.";
  private static final String AGE_DOC =
      "CreationTimestamp is a timestamp representing the server time when this object was created.";

  /** One {@code metav1.TableColumnDefinition}; every field is written (none is omitempty). */
  record Column(String name, String type, String format, String description, int priority) {
    ObjectNode json() {
      return JSON.objectNode()
          .put("name", name)
          .put("type", type)
          .put("format", format)
          .put("description", description)
          .put("priority", priority);
    }
  }

  private TableColumns() {}

  static Column name() {
    return new Column("Name", "string", "name", NAME_DOC, 0);
  }

  static Column age() {
    return new Column("Age", "string", "", AGE_DOC, 0);
  }

  private static Column text(String name, String description, int priority) {
    return new Column(name, "string", "", description, priority);
  }

  /** The printer's columns for a built-in kind, the default Name/Age for any other. */
  static List<Column> builtIn(String kind) {
    return switch (kind) {
      case "Node" ->
          List.of(
              name(),
              text("Status", "The status of the node", 0),
              text("Roles", "The roles of the node", 0),
              age(),
              text("Version", "Kubelet Version reported by the node.", 0),
              text("Internal-IP", "List of addresses reachable to the node.", 1),
              text("External-IP", "List of addresses reachable to the node.", 1),
              text("OS-Image", "OS Image reported by the node from /etc/os-release.", 1),
              text("Kernel-Version", "Kernel Version reported by the node.", 1),
              text("Container-Runtime", "ContainerRuntime Version reported by the node.", 1));
      case "Pod" ->
          List.of(
              name(),
              text("Ready", "The aggregate readiness state of this pod for accepting traffic.", 0),
              text("Status", "The aggregate status of the containers in this pod.", 0),
              text(
                  "Restarts",
                  "The number of times the containers in this pod have been restarted and when the"
                      + " last container in this pod has restarted.",
                  0),
              age(),
              text("IP", "podIP address allocated to the pod.", 1),
              text("Node", "NodeName indicates in which node this pod is scheduled.", 1),
              text("Nominated Node", "nominatedNodeName is set only when this pod preempts.", 1),
              text("Readiness Gates", "If specified, all readiness gates will be evaluated.", 1));
      case "Namespace" -> List.of(name(), text("Status", "The status of the namespace", 0), age());
      case "Deployment" ->
          List.of(
              name(),
              text("Ready", "Number of the pod with ready state", 0),
              text(
                  "Up-to-date",
                  "Total number of non-terminated pods targeted by this deployment"
                      + " that have the desired template spec.",
                  0),
              text(
                  "Available",
                  "Total number of available pods (ready for at least"
                      + " minReadySeconds) targeted by this deployment.",
                  0),
              age(),
              text("Containers", "Names of each container in the template.", 1),
              text("Images", "Images referenced by each container in the template.", 1),
              text("Selector", "Label selector for pods.", 1));
      // Storages without a printer (RBAC roles, CRDs) use k8s.io/apiserver
      // pkg/registry/rest/table.go defaultTableConvertor: Name and Created At.
      case "Role", "ClusterRole", "CustomResourceDefinition" ->
          List.of(name(), new Column("Created At", "date", "", AGE_DOC, 0));
      default -> List.of(name(), age());
    };
  }

  /** The cells {@code printNode}, {@code printPod}, {@code printNamespace} or the default give. */
  static ArrayNode builtInCells(String kind, JsonNode object, Instant now) {
    ArrayNode cells = JSON.arrayNode();
    JsonNode meta = object.path("metadata");
    cells.add(meta.path("name").asText());
    String age = age(meta.path("creationTimestamp").asText(""), now);
    switch (kind) {
      case "Node" -> nodeCells(cells, object, age);
      case "Pod" -> podCells(cells, object, age);
      case "Namespace" -> cells.add(object.path("status").path("phase").asText("")).add(age);
      case "Deployment" -> deploymentCells(cells, object, age);
      case "Role", "ClusterRole", "CustomResourceDefinition" -> {
        // m.GetCreationTimestamp().Time.UTC().Format(time.RFC3339); zero time when unset.
        String created = meta.path("creationTimestamp").asText("");
        cells.add(created.isEmpty() ? "0001-01-01T00:00:00Z" : created);
      }
      default -> cells.add(age);
    }
    return cells;
  }

  /**
   * {@code printNode}: the Ready condition gives "Ready" when True, "NotReady" otherwise, "Unknown"
   * when absent, then ",SchedulingDisabled" when cordoned; roles are the suffixes of the {@code
   * node-role.kubernetes.io/} labels and the value of {@code kubernetes.io/role}, sorted, or
   * "&lt;none&gt;" ({@code findNodeRoles}).
   */
  private static void nodeCells(ArrayNode cells, JsonNode node, String age) {
    String status = "Unknown";
    for (JsonNode c : node.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        status = c.path("status").asText().equals("True") ? "Ready" : "NotReady";
      }
    }
    if (node.path("spec").path("unschedulable").asBoolean(false)) {
      status += ",SchedulingDisabled";
    }
    TreeSet<String> roles = new TreeSet<>();
    node.path("metadata")
        .path("labels")
        .properties()
        .forEach(
            e -> {
              String key = e.getKey();
              if (key.startsWith("node-role.kubernetes.io/")) {
                String role = key.substring("node-role.kubernetes.io/".length());
                if (!role.isEmpty()) {
                  roles.add(role);
                }
              } else if (key.equals("kubernetes.io/role") && !e.getValue().asText().isEmpty()) {
                roles.add(e.getValue().asText());
              }
            });
    JsonNode info = node.path("status").path("nodeInfo");
    cells
        .add(status)
        .add(roles.isEmpty() ? "<none>" : String.join(",", roles))
        .add(age)
        .add(info.path("kubeletVersion").asText(""))
        .add(address(node, "InternalIP"))
        .add(address(node, "ExternalIP"))
        .add(orUnknown(info.path("osImage").asText("")))
        .add(orUnknown(info.path("kernelVersion").asText("")))
        .add(orUnknown(info.path("containerRuntimeVersion").asText("")));
  }

  /**
   * {@code printDeployment}: "ready/desired" (spec.replicas, 1 when unset as defaulting makes it),
   * updated and available as integers, then the template's container names and images joined by
   * commas ({@code layoutContainerCells}) and the selector ({@code LabelSelectorAsSelector}, keys
   * sorted).
   */
  private static void deploymentCells(ArrayNode cells, JsonNode deployment, String age) {
    JsonNode spec = deployment.path("spec");
    JsonNode status = deployment.path("status");
    List<String> names = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (JsonNode c : spec.path("template").path("spec").path("containers")) {
      names.add(c.path("name").asText());
      images.add(c.path("image").asText());
    }
    TreeMap<String, String> selector = new TreeMap<>();
    spec.path("selector")
        .path("matchLabels")
        .properties()
        .forEach(e -> selector.put(e.getKey(), e.getValue().asText()));
    List<String> terms = new ArrayList<>();
    selector.forEach((k, v) -> terms.add(k + "=" + v));
    cells
        .add(status.path("readyReplicas").asLong(0) + "/" + spec.path("replicas").asLong(1))
        .add(status.path("updatedReplicas").asLong(0))
        .add(status.path("availableReplicas").asLong(0))
        .add(age)
        .add(String.join(",", names))
        .add(String.join(",", images))
        .add(String.join(",", terms));
  }

  private static String address(JsonNode node, String type) {
    for (JsonNode a : node.path("status").path("addresses")) {
      if (a.path("type").asText().equals(type)) {
        return a.path("address").asText();
      }
    }
    return "<none>";
  }

  private static String orUnknown(String value) {
    return value.isEmpty() ? "<unknown>" : value;
  }

  /**
   * {@code printPod} for pods without init containers: status is the phase (or status.reason), then
   * the last waiting or terminated reason of the containers, walked from the last; ready counts
   * running, ready containers out of spec.containers; restarts sum restartCount.
   */
  private static void podCells(ArrayNode cells, JsonNode pod, String age) {
    JsonNode status = pod.path("status");
    String reason = status.path("reason").asText(status.path("phase").asText(""));
    if (reason.isEmpty()) {
      reason = status.path("phase").asText("");
    }
    int total = pod.path("spec").path("containers").size();
    int ready = 0;
    int restarts = 0;
    boolean running = false;
    JsonNode containers = status.path("containerStatuses");
    for (int i = containers.size() - 1; i >= 0; i--) {
      JsonNode c = containers.get(i);
      restarts += c.path("restartCount").asInt(0);
      JsonNode state = c.path("state");
      String waiting = state.path("waiting").path("reason").asText("");
      String terminated = state.path("terminated").path("reason").asText("");
      if (!waiting.isEmpty()) {
        reason = waiting;
      } else if (!terminated.isEmpty()) {
        reason = terminated;
      } else if (state.has("terminated")) {
        reason = "ExitCode:" + state.path("terminated").path("exitCode").asInt();
      } else if (c.path("ready").asBoolean(false) && state.has("running")) {
        running = true;
        ready++;
      }
    }
    if (reason.equals("Completed") && running) {
      reason = podReady(status) ? "Running" : "NotReady";
    }
    if (pod.path("metadata").has("deletionTimestamp")) {
      reason = "Terminating";
    }
    String ip = status.path("podIPs").path(0).path("ip").asText("");
    cells
        .add(ready + "/" + total)
        .add(reason)
        .add(Integer.toString(restarts))
        .add(age)
        .add(ip.isEmpty() ? "<none>" : ip)
        .add(pod.path("spec").path("nodeName").asText("<none>"))
        .add(status.path("nominatedNodeName").asText("<none>"))
        .add("<none>");
  }

  private static boolean podReady(JsonNode status) {
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True")) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code translateTimestampSince}: "&lt;unknown&gt;" for a zero (absent) timestamp, else k8s.io
   * apimachinery {@code pkg/util/duration/duration.go} {@code HumanDuration} of the time since.
   */
  static String age(String timestamp, Instant now) {
    if (timestamp.isEmpty()) {
      return "<unknown>";
    }
    try {
      return humanDuration(Duration.between(Instant.parse(timestamp), now));
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
  }

  /** {@code duration.HumanDuration}: coarser units as the duration grows. */
  static String humanDuration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = d.toMinutes();
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = d.toHours();
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long dy = (hours / 24) % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }
}
