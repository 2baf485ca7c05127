package dev.ironkube.sim.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.platform.CiliumManifests;
import dev.ironkube.platform.PlatformSpec;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A healthy kubelet without a CNI reports NotReady with the runtime's error, as upstream builds it
 * (see {@link NodeReadiness}): kubernetes pkg/kubelet/nodestatus/setters.go ReadyCondition (False,
 * KubeletNotReady, the runtime errors), pkg/kubelet/kubelet.go updateRuntimeUp ("container runtime
 * network not ready: %v"), pkg/kubelet/container/runtime.go RuntimeCondition.String ("%s=%t
 * reason:%s message:%s"), containerd internal/cri/server/status.go (NetworkPluginNotReady, "Network
 * plugin returns error: %v") and containerd/go-cni errors.go ("cni plugin not initialized").
 */
class NodeReadinessTest {
  private static final String UPSTREAM_MESSAGE =
      "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady"
          + " message:Network plugin returns error: cni plugin not initialized";

  private static final ApiKind DEPLOYMENTS =
      new ApiKind("apps", "v1", "Deployment", "deployments", true);

  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-04T21:00:00Z"));

  private KubeCluster cluster() throws Exception {
    return new KubeCluster(new TimeModel(1.0), Faults.none(), clock)
        .seed("cp-1", InetAddress.getByName("127.0.1.10"));
  }

  @Test
  void aNodeWithoutACniStaysNotReadyWithTheRuntimesError() throws Exception {
    KubeCluster k = cluster();
    clock.advance(Duration.ofHours(1));

    assertThat(k.nodeReady("cp-1")).isFalse();
    JsonNode ready = readyCondition(k);
    assertThat(ready.path("status").asText()).isEqualTo("False");
    assertThat(ready.path("reason").asText()).isEqualTo("KubeletNotReady");
    assertThat(ready.path("message").asText()).isEqualTo(UPSTREAM_MESSAGE);
    // Ordinary pods are not scheduled to a NotReady node.
    k.routes.create(DEPLOYMENTS, "default", deployment("web"));
    clock.advance(Duration.ofMinutes(5));
    assertThat(k.workloads.find("Deployment", "default", "web").orElseThrow().nodeName()).isNull();
  }

  @Test
  void theNodeTurnsReadyOnceTheCiliumAgentFromTheInlineManifestRunsOnIt() throws Exception {
    KubeCluster k = cluster();
    // What Talos does with the config's inline manifest once etcd is healthy.
    List<ObjectNode> inline =
        CiliumManifests.render(PlatformSpec.defaults()).stream()
            .map(m -> m.json().deepCopy())
            .toList();
    assertThat(k.createMissing(inline)).isEqualTo(3);
    assertThat(k.createMissing(inline)).as("create-only, like Talos").isZero();

    // The install Job runs on the NotReady node (host network, tolerates everything) and its
    // cilium-cli creates the agent DaemonSet and the operator.
    WorkloadModel.Tracked job = k.workloads.find("Job", "kube-system", "cilium-install").get();
    assertThat(job.nodeName()).isEqualTo("cp-1");
    assertThat(k.workloads.find("DaemonSet", "kube-system", "cilium")).isPresent();
    assertThat(k.workloads.find("Deployment", "kube-system", "cilium-operator")).isPresent();

    clock.advance(Duration.ofSeconds(29));
    assertThat(k.nodeReady("cp-1")).as("the agent is still starting").isFalse();
    assertThat(readyCondition(k).path("message").asText()).isEqualTo(UPSTREAM_MESSAGE);

    clock.advance(Duration.ofSeconds(2));
    assertThat(k.nodeReady("cp-1")).isTrue();
    JsonNode ready = readyCondition(k);
    assertThat(ready.path("reason").asText()).isEqualTo("KubeletReady");
    assertThat(ready.path("message").asText()).isEqualTo("kubelet is posting ready status");
  }

  @Test
  void aCniAgentThatNeverStartsKeepsEveryNodeNotReady() throws Exception {
    KubeCluster k =
        new KubeCluster(
                new TimeModel(1.0),
                Faults.none()
                    .arm(Faults.Rule.always("kube.workload.kube-system/cilium", "image-pull")),
                clock)
            .seed("cp-1", InetAddress.getByName("127.0.1.10"));
    k.createMissing(
        CiliumManifests.render(PlatformSpec.defaults()).stream()
            .map(m -> m.json().deepCopy())
            .toList());
    clock.advance(Duration.ofHours(1));
    assertThat(k.nodeReady("cp-1")).isFalse();
  }

  private static JsonNode readyCondition(KubeCluster k) throws Exception {
    ResourceRoutes.Answer answer =
        k.routes.handle(
            "GET",
            ApiPath.parse("/api/v1/nodes/cp-1").orElseThrow(),
            "",
            "",
            new byte[0],
            "127.0.1.10");
    for (JsonNode c : answer.body().path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c;
      }
    }
    throw new AssertionError("no Ready condition in " + answer.body());
  }

  private static ObjectNode deployment(String name) {
    var o = JsonNodeFactory.instance.objectNode();
    o.put("apiVersion", "apps/v1").put("kind", "Deployment");
    o.putObject("metadata").put("name", name).put("namespace", "default");
    o.putObject("spec")
        .putObject("template")
        .putObject("metadata")
        .putObject("labels")
        .put("app", name);
    return o;
  }

  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
