package dev.ironkube.workflow.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.workflow.ActionKind;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.RecordingProgress;
import dev.ironkube.workflow.Wait;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Talos rollout over an in-memory cluster: the order, the gates and the journal that lets a
 * re-run continue, each proven without a simulator (the end-to-end test and the chaos kinds prove
 * the same against simulated nodes).
 */
class TalosRolloutTest {
  static final String FROM = "v1.13.10";
  static final String TO = "v1.14.6";
  static final String SCHEMATIC = "613e1592b2da";
  static final String IMAGE = TalosRollout.installerImage(SCHEMATIC, TO);

  static final List<ClusterMember> MEMBERS =
      List.of(
          // Out of order on purpose: the rollout sorts control planes first, then by name.
          new ClusterMember("t-workers-2", "192.0.2.5", false),
          new ClusterMember("t-cp-2", "192.0.2.2", true),
          new ClusterMember("t-workers-1", "192.0.2.4", false),
          new ClusterMember("t-cp-1", "192.0.2.1", true),
          new ClusterMember("t-cp-3", "192.0.2.3", true));

  private final Journal journal = Journal.inMemory(Clock.systemUTC());
  private final RecordingProgress progress = new RecordingProgress();
  private final FakeRollingCluster cluster = new FakeRollingCluster(MEMBERS, FROM, "1.36.3");

  /** A context whose node timeout is {@code timeout}; polls every millisecond. */
  static UpgradeContext context(
      RollingCluster cluster,
      Journal journal,
      RecordingProgress progress,
      boolean dryRun,
      Duration timeout) {
    Cancellation cancellation = new Cancellation();
    return new UpgradeContext(
        "t",
        MEMBERS,
        cluster,
        new Gate(journal, dryRun),
        progress,
        cancellation,
        new Wait(Clock.systemUTC(), cancellation, new Random(1)),
        Duration.ofMillis(1),
        timeout,
        timeout);
  }

  private UpgradePlan run(Duration timeout) {
    return new TalosRollout(context(cluster, journal, progress, false, timeout))
        .run(TO, SCHEMATIC, false, false);
  }

  private static String upgraded(String host) {
    return "upgrade " + host + " " + IMAGE;
  }

  @Test
  void controlPlanesGoFirstOneAtATimeAndEachWorkerIsDrainedThenUncordoned() {
    UpgradePlan plan = run(Duration.ofSeconds(10));

    assertThat(cluster.log())
        .containsExactly(
            upgraded("t-cp-1"),
            upgraded("t-cp-2"),
            upgraded("t-cp-3"),
            "drain t-workers-1",
            upgraded("t-workers-1"),
            "uncordon t-workers-1",
            "drain t-workers-2",
            upgraded("t-workers-2"),
            "uncordon t-workers-2");
    assertThat(cluster.violations()).as("never two control planes down").isEmpty();
    assertThat(plan.steps()).extracting(UpgradePlan.Step::state).containsOnly("done");
    assertThat(plan.from()).isEqualTo(FROM);
    assertThat(plan.image()).isEqualTo("factory.talos.dev/metal-installer/613e1592b2da:v1.14.6");
    for (ClusterMember m : MEMBERS) {
      assertThat(cluster.node(m.hostname()).version).isEqualTo(TO);
      assertThat(journal.hasActed(TalosRollout.upgradeAction(m, TO))).as(m.hostname()).isTrue();
      assertThat(journal.value("talos version " + m.hostname())).contains(TO);
    }
    assertThat(journal.value("talos version")).contains(TO);
  }

  @Test
  void aNodeThatNeverReturnsStopsTheRolloutThereNamingItAndTheRestIsUntouched() {
    cluster.neverReturns("t-cp-2");

    assertThatThrownBy(() -> run(Duration.ofMillis(200)))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("the Talos upgrade stopped at t-cp-2 (1 of 5 node(s) on " + TO)
        .hasMessageContaining("not answering (rebooting)")
        .satisfies(
            e ->
                assertThat(((OperationFailedException) e).hint())
                    .contains("it continues from t-cp-2"));
    assertThat(cluster.log()).containsExactly(upgraded("t-cp-1"), upgraded("t-cp-2"));
    assertThat(cluster.node("t-cp-3").version).isEqualTo(FROM);
    assertThat(cluster.node("t-workers-1").unschedulable).isFalse();
    assertThat(journal.value("talos version")).isEmpty();
  }

  @Test
  void aRerunSkipsWhatIsDoneWaitsForANodeStillRebootingAndContinuesFromThere() {
    // An earlier run upgraded t-cp-1 and sent t-cp-2's Upgrade before it was stopped.
    Gate earlier = new Gate(journal, false);
    for (String host : List.of("t-cp-1", "t-cp-2")) {
      ClusterMember m = MEMBERS.stream().filter(x -> x.hostname().equals(host)).findFirst().get();
      earlier.act(
          "talos",
          ActionKind.OTHER,
          TalosRollout.upgradeAction(m, TO),
          Map.of("address", m.address()),
          () -> "accepted");
    }
    cluster.node("t-cp-1").version = TO;
    cluster.rebooting("t-cp-2", TO, 3);

    UpgradePlan plan = run(Duration.ofSeconds(10));

    assertThat(cluster.log(l -> l.startsWith("upgrade ")))
        .as("no Upgrade sent twice")
        .containsExactly(upgraded("t-cp-3"), upgraded("t-workers-1"), upgraded("t-workers-2"));
    assertThat(plan.steps())
        .extracting(UpgradePlan.Step::node, UpgradePlan.Step::state)
        .startsWith(
            org.assertj.core.groups.Tuple.tuple("t-cp-1", "already"),
            org.assertj.core.groups.Tuple.tuple("t-cp-2", "done"));
    assertThat(progress.lines()).noneMatch(l -> l.startsWith("phase: Upgrading t-cp-1 "));
    assertThat(progress.lines()).anyMatch(l -> l.startsWith("phase: Upgrading t-cp-3 "));
  }

  @Test
  void aControlPlaneWaitsForEtcdOnEveryMemberAndSendsNothingWhileItIsUnhealthy() {
    cluster.node("t-cp-3").etcdHealthy = false;

    assertThatThrownBy(() -> run(Duration.ofMillis(150)))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("stopped at t-cp-1")
        .hasMessageContaining("etcd on t-cp-3 is not healthy");
    assertThat(cluster.log()).isEmpty();
  }

  @Test
  void aControlPlaneWhoseEtcdStaysUnhealthyAfterItsRebootStopsTheRolloutAtIt() {
    cluster.etcdBrokenAfterReboot("t-cp-2");

    assertThatThrownBy(() -> run(Duration.ofMillis(200)))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("stopped at t-cp-2")
        .hasMessageContaining("etcd not healthy yet");
    assertThat(cluster.log(l -> l.startsWith("upgrade ")))
        .containsExactly(upgraded("t-cp-1"), upgraded("t-cp-2"));
  }

  @Test
  void aDryRunPlansEveryNodeAndChangesNothing() {
    UpgradePlan plan =
        new TalosRollout(context(cluster, journal, progress, true, Duration.ofSeconds(1)))
            .run(TO, SCHEMATIC, false, true);

    assertThat(plan.pending()).isEqualTo(5);
    assertThat(plan.steps())
        .extracting(UpgradePlan.Step::node)
        .containsExactly("t-cp-1", "t-cp-2", "t-cp-3", "t-workers-1", "t-workers-2");
    assertThat(plan.steps())
        .extracting(UpgradePlan.Step::action)
        .containsExactly(
            "check etcd, upgrade",
            "check etcd, upgrade",
            "check etcd, upgrade",
            "drain, upgrade, uncordon",
            "drain, upgrade, uncordon");
    assertThat(cluster.log()).isEmpty();
    assertThat(journal.entries()).isEmpty();
  }

  @Test
  void aNodeThatDoesNotAnswerBeforeAnyUpgradeWasSentStopsTheRunBeforeItStarts() {
    cluster.node("t-workers-2").downFor = -1;

    assertThatThrownBy(() -> run(Duration.ofSeconds(1)))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("t-workers-2 (192.0.2.5) does not answer its Talos API");
    assertThat(cluster.log()).isEmpty();
  }

  @Test
  void aDowngradeAndASkippedMinorAreRefusedBeforeAnythingIsSent() {
    for (String target : List.of("v1.12.12", "v1.15.0")) {
      assertThatThrownBy(
              () ->
                  new TalosRollout(
                          context(cluster, journal, progress, false, Duration.ofSeconds(1)))
                      .run(target, SCHEMATIC, false, false))
          .as(target)
          .isInstanceOf(UserInputException.class);
    }
    assertThat(cluster.log()).isEmpty();
  }

  @Test
  void aKubeletOutsideTheTargetsSupportedRangeIsRefusedUnlessForced() {
    cluster.node("t-workers-1").kubelet = "v1.29.0";

    assertThatThrownBy(() -> run(Duration.ofSeconds(1)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("t-workers-1 runs Kubernetes v1.29.0");
    assertThat(cluster.log()).isEmpty();

    new TalosRollout(context(cluster, journal, progress, false, Duration.ofSeconds(10)))
        .run(TO, SCHEMATIC, true, false);
    assertThat(cluster.log(l -> l.startsWith("upgrade "))).hasSize(5);
  }

  @Test
  void aWorkerTheUserCordonedStaysCordoned() {
    // On the target already and cordoned by someone else: the rollout only proves it is back.
    cluster.node("t-workers-2").version = TO;
    cluster.node("t-workers-2").unschedulable = true;

    run(Duration.ofSeconds(10));

    assertThat(cluster.log()).doesNotContain("uncordon t-workers-2", "drain t-workers-2");
    assertThat(cluster.node("t-workers-2").unschedulable).isTrue();
    assertThat(cluster.node("t-workers-1").unschedulable).isFalse();
  }
}
