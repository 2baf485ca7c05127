package dev.ironkube.sim.talos;

import static dev.ironkube.sim.talos.MultiNodeClusterTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.platform.KubeConnectionProbe;
import dev.ironkube.sim.Faults;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What `ironkube scale` does to remove a worker: cordon, evict its pods, delete its Node. */
class DrainTest {
  @Test
  void aDrainedWorkersPodsMoveToOtherNodesAndItsNodeIsDeleted() throws Exception {
    try (ClusterRig rig = new ClusterRig(68, Faults.none()).start(1, 2)) {
      rig.node("cp-1").admin().bootstrap(ClusterRig.WAIT);
      String kubeconfig = rig.kubeconfigVia("cp-1");
      eventually(() -> KubeConnectionProbe.readyNodes(kubeconfig), r -> r.size() == 3);
      KubeConnectionProbe.withClient(
          kubeconfig,
          c -> {
            c.namespaces()
                .resource(
                    new NamespaceBuilder().withNewMetadata().withName("apps").endMetadata().build())
                .create();
            for (int i = 0; i < 6; i++) {
              c.apps()
                  .deployments()
                  .inNamespace("apps")
                  .resource(
                      new DeploymentBuilder()
                          .withNewMetadata()
                          .withName("app-" + i)
                          .endMetadata()
                          .withNewSpec()
                          .withNewTemplate()
                          .withNewMetadata()
                          .addToLabels("app", "app-" + i)
                          .endMetadata()
                          .endTemplate()
                          .endSpec()
                          .build())
                  .create();
            }
            c.apps()
                .daemonSets()
                .inNamespace("apps")
                .resource(
                    new DaemonSetBuilder()
                        .withNewMetadata()
                        .withName("agent")
                        .endMetadata()
                        .withNewSpec()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", "agent")
                        .endMetadata()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
            return null;
          });

      KubeConnectionProbe.withClient(
          kubeconfig,
          c -> {
            // Cordon, as fabric8's patch sends it (strategic merge), then check with a merge patch.
            c.nodes()
                .withName("worker-1")
                .patch(
                    PatchContext.of(PatchType.STRATEGIC_MERGE),
                    "{\"spec\":{\"unschedulable\":true}}");
            c.nodes()
                .withName("worker-1")
                .patch(
                    PatchContext.of(PatchType.JSON_MERGE),
                    "{\"metadata\":{\"labels\":{\"drain\":\"yes\"}}}");
            assertThat(c.nodes().withName("worker-1").get().getSpec().getUnschedulable()).isTrue();

            List<Pod> onNode =
                c.pods().inAnyNamespace().withField("spec.nodeName", "worker-1").list().getItems();
            assertThat(onNode).isNotEmpty();
            assertThat(
                    c.pods()
                        .inNamespace("apps")
                        .withField("spec.nodeName", "worker-1")
                        .list()
                        .getItems())
                .hasSameSizeAs(onNode);
            for (Pod pod : onNode) {
              if (pod.getMetadata().getOwnerReferences().get(0).getKind().equals("DaemonSet")) {
                continue; // drains leave DaemonSet pods alone
              }
              assertThat(
                      c.pods()
                          .inNamespace(pod.getMetadata().getNamespace())
                          .withName(pod.getMetadata().getName())
                          .evict())
                  .isTrue();
            }
            List<Pod> left =
                c.pods().inAnyNamespace().withField("spec.nodeName", "worker-1").list().getItems();
            assertThat(left)
                .allMatch(
                    p -> p.getMetadata().getOwnerReferences().get(0).getKind().equals("DaemonSet"));
            List<Pod> apps =
                c.pods().inNamespace("apps").withLabel("app", "app-0").list().getItems();
            assertThat(apps).hasSize(1);
            assertThat(
                    c.pods().inNamespace("apps").list().getItems().stream()
                        .filter(p -> !p.getMetadata().getName().startsWith("agent"))
                        .map(p -> p.getSpec().getNodeName()))
                .hasSize(6)
                .doesNotContain("worker-1")
                .contains("cp-1", "worker-2");

            c.nodes().withName("worker-1").delete();
            assertThat(c.nodes().withName("worker-1").get()).isNull();
            assertThat(
                    c.pods()
                        .inAnyNamespace()
                        .withField("spec.nodeName", "worker-1")
                        .list()
                        .getItems())
                .isEmpty();
            return null;
          });
    }
  }
}
