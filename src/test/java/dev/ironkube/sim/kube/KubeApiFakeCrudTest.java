package dev.ironkube.sim.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.platform.KubeConnectionProbe;
import dev.ironkube.platform.TestPki;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A clock the test moves by hand. */
final class AdjustableClock extends Clock {
  private volatile Instant now = Instant.parse("2026-11-22T04:00:00Z");

  void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}

/** The verbs fabric8 sends, against the simulator's generic store and workload model. */
class KubeApiFakeCrudTest {
  private static final TestPki CLUSTER = TestPki.create();

  @Test
  void createsPatchesAndDeletesWithServerAssignedMetadata() {
    try (KubeApiFake api =
        new KubeApiFake(
            InetAddress.getLoopbackAddress(),
            0,
            CLUSTER.caCertPem,
            CLUSTER.caKeyPem,
            TimeModel.instant(),
            Faults.none())) {
      String kubeconfig = CLUSTER.kubeconfig(api.url().toString(), "system:masters");
      KubeConnectionProbe.withClient(
          kubeconfig,
          client -> {
            client
                .namespaces()
                .resource(
                    new NamespaceBuilder().withNewMetadata().withName("demo").endMetadata().build())
                .create();
            ConfigMap created =
                client
                    .configMaps()
                    .inNamespace("demo")
                    .resource(
                        new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName("settings")
                            .endMetadata()
                            .addToData("a", "1")
                            .build())
                    .create();
            assertThat(created.getMetadata().getUid()).isNotBlank();
            assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
            assertThat(created.getMetadata().getCreationTimestamp()).isNotBlank();

            var settings = client.configMaps().inNamespace("demo").withName("settings");
            settings.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"b\":\"2\"}}");
            settings.patch(
                PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"3\"}]");
            assertThat(settings.get().getData()).containsEntry("a", "3").containsEntry("b", "2");

            settings.delete();
            assertThat(settings.get()).isNull();

            // Server-side apply of a new object creates it, unlike fabric8's mock server.
            ConfigMap applied =
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("applied")
                    .withNamespace("demo")
                    .endMetadata()
                    .addToData("c", "4")
                    .build();
            client.resource(applied).fieldManager("ironkube").forceConflicts().serverSideApply();
            assertThat(client.configMaps().inNamespace("demo").withName("applied").get().getData())
                .containsEntry("c", "4");
            return null;
          });
    }
  }

  @Test
  void aDeploymentTurnsReadyAfterItsModelledDelay() {
    AdjustableClock clock = new AdjustableClock();
    try (KubeApiFake api =
        new KubeApiFake(
            InetAddress.getLoopbackAddress(),
            0,
            CLUSTER.caCertPem,
            CLUSTER.caKeyPem,
            new TimeModel(1.0),
            Faults.none(),
            clock)) {
      // The node is Ready only once its CNI runs: Cilium, its agent up 30 s later.
      CniFixture.runCilium(api.cluster());
      clock.advance(Duration.ofSeconds(30));
      String kubeconfig = CLUSTER.kubeconfig(api.url().toString(), "system:masters");
      KubeConnectionProbe.withClient(
          kubeconfig,
          client -> {
            Deployment d =
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withName("web")
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(2)
                    .withNewSelector()
                    .addToMatchLabels("app", "web")
                    .endSelector()
                    .withNewTemplate()
                    .withNewMetadata()
                    .addToLabels("app", "web")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("web")
                    .withImage("nginx")
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build();
            var web = client.apps().deployments().inNamespace("default").resource(d);
            web.create();
            assertThat(web.get().getStatus().getReadyReplicas()).isZero();
            assertThat(
                    client.pods().inNamespace("default").withLabel("app", "web").list().getItems())
                .singleElement()
                .satisfies(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Pending"));
            clock.advance(Duration.ofSeconds(39));
            assertThat(web.get().getStatus().getReadyReplicas()).isZero();
            clock.advance(Duration.ofSeconds(1));
            assertThat(web.get().getStatus().getReadyReplicas()).isEqualTo(2);
            return null;
          });
    }
  }
}
