package dev.ironkube.sim.talos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The labels Talos puts on its Node: machine.nodeLabels, plus node-role.kubernetes.io/control-plane
 * on a control plane (siderolabs/talos v1.13.9 internal/app/machined/pkg/controllers/k8s/
 * node_label_spec.go; the same in v1.11.6 and v1.14.0-rc.1), applied by NodeApplyController
 * (node_apply.go, applyNodeKV) with the keys it owns recorded in the annotation
 * talos.dev/owned-labels as a sorted JSON list: a label not yet on the Node is taken over, an equal
 * one becomes owned, a different value set by someone else is left alone, an owned label no longer
 * in the config is removed. The fake applies them when a config changes machine.nodeLabels live.
 * Not: labels from system extensions, label values Kubernetes would refuse (upstream drops them).
 */
final class NodeLabels {
  static final String OWNED = "talos.dev/owned-labels";
  static final String CONTROL_PLANE_ROLE = "node-role.kubernetes.io/control-plane";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VALID_VALUE =
      Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");

  private NodeLabels() {}

  /** What NodeLabelSpecController wants on the Node for {@code config}. */
  static Map<String, String> spec(AppliedConfig config) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode labels =
        ImmediateChanges.documents(config.raw()).stream()
            .filter(ConfigDiff::isV1Alpha1)
            .findFirst()
            .map(doc -> doc.path("machine").path("nodeLabels"))
            .orElse(null);
    if (labels != null && labels.isObject()) {
      labels
          .properties()
          .forEach(
              e -> {
                String value = e.getValue().asText();
                if (value.length() <= 63 && VALID_VALUE.matcher(value).matches()) {
                  out.put(e.getKey(), value);
                }
              });
    }
    if (config.controlPlane()) {
      out.put(CONTROL_PLANE_ROLE, "");
    }
    return out;
  }

  /**
   * A config replaced live: when its labels differ from the old one's, the Node gets them as
   * NodeApplyController applies them.
   */
  static void configReplaced(TalosNodeFake node, AppliedConfig before, AppliedConfig after) {
    Map<String, String> wanted = spec(after);
    if (before != null && wanted.equals(spec(before))) {
      return;
    }
    node.cluster()
        .flatMap(TalosCluster::kubernetes)
        .ifPresent(kube -> kube.updateNode(node.hostname(), n -> apply(n, wanted)));
  }

  /** applyNodeKV on {@code node}'s labels, with the owned keys read and written back. */
  static void apply(ObjectNode node, Map<String, String> spec) {
    ObjectNode meta = node.with("metadata");
    ObjectNode labels = meta.with("labels");
    ObjectNode annotations = meta.with("annotations");
    Set<String> owned = owned(annotations.path(OWNED).asText(""));
    if (owned == null) {
      return; // upstream's sync fails on a malformed annotation and changes nothing
    }
    spec.forEach(
        (key, value) -> {
          JsonNode current = labels.get(key);
          if (current == null) {
            labels.put(key, value);
            owned.add(key);
          } else if (Objects.equals(current.asText(), value)) {
            owned.add(key);
          } else if (owned.contains(key)) {
            labels.put(key, value);
          }
        });
    for (Iterator<String> it = owned.iterator(); it.hasNext(); ) {
      String key = it.next();
      if (!spec.containsKey(key)) {
        labels.remove(key);
        it.remove();
      }
    }
    if (owned.isEmpty()) {
      annotations.remove(OWNED);
    } else {
      ArrayNode list = JSON.createArrayNode();
      owned.forEach(list::add);
      annotations.put(OWNED, list.toString());
    }
  }

  /** The owned keys, or null when the annotation is not a JSON list of strings. */
  private static Set<String> owned(String json) {
    Set<String> out = new TreeSet<>();
    if (json.isEmpty()) {
      return out;
    }
    try {
      JsonNode list = JSON.readTree(json);
      if (!list.isArray()) {
        return null;
      }
      list.forEach(key -> out.add(key.asText()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
    return out;
  }
}
