package dev.ironkube.workflow.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.RecordingProgress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes rollout over an in-memory cluster, in talosctl upgrade-k8s's order
 * (siderolabs/talos v1.13.9 pkg/cluster/kubernetes/talos_managed.go, Upgrade): the API server on
 * every control plane, then the controller manager, then the scheduler, then the kubelet on every
 * node; no reboot; a change already in a node's config is not sent again.
 */
class KubernetesRolloutTest {
  private final Journal journal = Journal.inMemory(Clock.systemUTC());
  private final RecordingProgress progress = new RecordingProgress();
  private final FakeRollingCluster cluster =
      new FakeRollingCluster(TalosRolloutTest.MEMBERS, TalosRolloutTest.TO, "1.36.3");

  private UpgradePlan run(String target, boolean dryRun) {
    return new KubernetesRollout(
            TalosRolloutTest.context(cluster, journal, progress, dryRun, Duration.ofSeconds(10)))
        .run(target, dryRun);
  }

  private static List<String> expectedOrder(String version) {
    List<String> out = new ArrayList<>();
    for (String component :
        List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler")) {
      for (String cp : List.of("t-cp-1", "t-cp-2", "t-cp-3")) {
        out.add("apply " + cp + " " + component + " " + version);
      }
    }
    for (String n : List.of("t-cp-1", "t-cp-2", "t-cp-3", "t-workers-1", "t-workers-2")) {
      out.add("apply " + n + " kubelet " + version);
    }
    return out;
  }

  @Test
  void eachControlPlaneComponentGoesEverywhereBeforeTheNextThenTheKubeletOnEveryNode() {
    UpgradePlan plan = run("v1.37.1", false);

    assertThat(cluster.log()).containsExactlyElementsOf(expectedOrder("1.37.1"));
    assertThat(cluster.log()).noneMatch(l -> l.startsWith("upgrade ") || l.startsWith("drain "));
    assertThat(plan.from()).isEqualTo("1.36.3");
    assertThat(plan.to()).isEqualTo("1.37.1");
    assertThat(plan.steps()).extracting(UpgradePlan.Step::state).containsOnly("done");
    assertThat(journal.value("kubernetes version")).contains("1.37.1");
    for (ClusterMember m : TalosRolloutTest.MEMBERS) {
      assertThat(cluster.node(m.hostname()).kubelet).isEqualTo("v1.37.1");
    }
  }

  @Test
  void aRerunAfterAStopSendsOnlyTheChangesNotYetMade() {
    // The first run stopped after the API servers: their configs carry the new image.
    for (String cp : List.of("t-cp-1", "t-cp-2", "t-cp-3")) {
      FakeRollingCluster.Node n = cluster.node(cp);
      n.config =
          KubernetesImages.withVersion(n.config, KubernetesImages.Component.API_SERVER, "1.37.1");
    }

    run("1.37.1", false);

    List<String> expected = new ArrayList<>(expectedOrder("1.37.1"));
    expected.removeIf(l -> l.contains("kube-apiserver"));
    assertThat(cluster.log()).containsExactlyElementsOf(expected);
  }

  @Test
  void aDryRunPlansWithoutApplyingAndARunAtTheTargetChangesNothing() {
    UpgradePlan plan = run("1.37.1", true);
    assertThat(plan.pending()).isEqualTo(5);
    assertThat(plan.steps().get(0).action())
        .isEqualTo("kube-apiserver, kube-controller-manager, kube-scheduler, kubelet");
    assertThat(plan.steps().get(4).action()).isEqualTo("kubelet");
    assertThat(cluster.log()).isEmpty();

    UpgradePlan same = run("1.36.3", false);
    assertThat(same.steps()).extracting(UpgradePlan.Step::state).containsOnly("already");
    assertThat(cluster.log()).isEmpty();
  }

  @Test
  void skippingAMinorIsRefusedBeforeAnyConfigIsSent() {
    assertThatThrownBy(() -> run("1.38.0", false)).isInstanceOf(UserInputException.class);
    assertThat(cluster.log()).isEmpty();
  }

  @Test
  void aNodeThatDoesNotAnswerStopsTheRunBeforeAnyChange() {
    cluster.node("t-workers-1").downFor = -1;

    assertThatThrownBy(() -> run("1.37.1", false))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("t-workers-1 does not answer its Talos API");
    assertThat(cluster.log()).isEmpty();
  }
}
