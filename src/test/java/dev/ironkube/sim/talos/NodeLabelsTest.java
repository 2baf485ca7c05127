package dev.ironkube.sim.talos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.Faults;
import dev.ironkube.talos.api.ApplyMode;
import dev.ironkube.talos.api.ApplyResult;
import dev.ironkube.talos.api.TalosClient;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * machine.nodeLabels on the Node object. The label rules are the cases of siderolabs/talos v1.13.9
 * internal/app/machined/pkg/controllers/k8s/node_apply_test.go (TestApplyLabels); the owned keys
 * travel in the talos.dev/owned-labels annotation (node_apply.go, marshalOwnedAnnotation).
 */
class NodeLabelsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode node(Map<String, String> labels, String owned) {
    ObjectNode node = JSON.createObjectNode();
    ObjectNode meta = node.putObject("metadata");
    labels.forEach(meta.putObject("labels")::put);
    if (owned != null) {
      meta.putObject("annotations").put(NodeLabels.OWNED, owned);
    }
    return node;
  }

  private static Map<String, String> labels(ObjectNode node) {
    return JSON.convertValue(node.path("metadata").path("labels"), Map.class);
  }

  @Test
  void initialSetLabels() {
    ObjectNode node = node(Map.of("hostname", "foo"), null);
    NodeLabels.apply(node, Map.of("label1", "value1", "label2", "value2"));
    assertThat(labels(node))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("hostname", "foo", "label1", "value1", "label2", "value2"));
    assertThat(node.path("metadata").path("annotations").path(NodeLabels.OWNED).asText())
        .isEqualTo("[\"label1\",\"label2\"]");
  }

  @Test
  void updateOwnedLabels() {
    ObjectNode node =
        node(
            Map.of("hostname", "foo", "label1", "value1", "label2", "value2"),
            "[\"label1\",\"label2\"]");
    NodeLabels.apply(node, Map.of("label1", "value3"));
    assertThat(labels(node))
        .containsExactlyInAnyOrderEntriesOf(Map.of("hostname", "foo", "label1", "value3"));
    assertThat(node.path("metadata").path("annotations").path(NodeLabels.OWNED).asText())
        .isEqualTo("[\"label1\"]");
  }

  @Test
  void ignoreNotOwnedLabels() {
    Map<String, String> before =
        Map.of("hostname", "foo", "label1", "value1", "label2", "value2", "label3", "value3");
    ObjectNode node = node(before, null);
    NodeLabels.apply(node, Map.of("label1", "value3", "label2", "value2"));
    assertThat(labels(node)).containsExactlyInAnyOrderEntriesOf(before);
    assertThat(node.path("metadata").path("annotations").path(NodeLabels.OWNED).asText())
        .isEqualTo("[\"label2\"]");
  }

  @Test
  void emptySpecLeavesNoAnnotation() {
    ObjectNode node = node(Map.of(), null);
    NodeLabels.apply(node, Map.of());
    assertThat(labels(node)).isEmpty();
    assertThat(node.path("metadata").path("annotations").has(NodeLabels.OWNED)).isFalse();
  }

  /**
   * A NO_REBOOT apply of new machine.nodeLabels shows on the Node; removing them takes them off.
   */
  @Test
  void aLiveNodeLabelsChangeReachesTheNodeObject() throws Exception {
    try (ClusterRig rig = new ClusterRig(74, Faults.none()).start(1, 1)) {
      rig.node("cp-1").admin().bootstrap(ClusterRig.WAIT);
      String kubeconfig = rig.kubeconfigVia("cp-1");
      MultiNodeClusterTest.eventually(
          () -> MultiNodeClusterTest.nodeObject(kubeconfig, "worker-1"), n -> n != null);

      ClusterRig.Node worker = rig.node("worker-1");
      String config = new String(worker.admin().machineConfig(), StandardCharsets.UTF_8);
      String labelled =
          config.replaceFirst("(?m)^machine:\\n", "machine:\n  nodeLabels:\n    pool: web\n");
      TalosClient admin = worker.admin();
      ApplyResult result =
          admin.applyConfiguration(
              labelled.getBytes(StandardCharsets.UTF_8), ApplyMode.NO_REBOOT, false);
      assertThat(result.mode()).contains(ApplyMode.NO_REBOOT);

      Node node = MultiNodeClusterTest.nodeObject(kubeconfig, "worker-1");
      assertThat(node.getMetadata().getLabels()).containsEntry("pool", "web");
      assertThat(node.getMetadata().getAnnotations()).containsEntry(NodeLabels.OWNED, "[\"pool\"]");

      admin.applyConfiguration(config.getBytes(StandardCharsets.UTF_8), ApplyMode.AUTO, false);
      Node after = MultiNodeClusterTest.nodeObject(kubeconfig, "worker-1");
      assertThat(after.getMetadata().getLabels()).doesNotContainKey("pool");
      assertThat(after.getMetadata().getAnnotations()).doesNotContainKey(NodeLabels.OWNED);
    }
  }
}
