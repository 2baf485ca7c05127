package dev.ironkube.workflow.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.RecordingProgress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * apply and diff over an in-memory cluster: which nodes change, in which order and mode, the gates
 * a reboot goes through, and that a dry run changes nothing.
 */
class ConfigRolloutTest {
  private final Journal journal = Journal.inMemory(Clock.systemUTC());
  private final RecordingProgress progress = new RecordingProgress();
  private final FakeRollingCluster cluster =
      new FakeRollingCluster(TalosRolloutTest.MEMBERS, "v1.13.10", "1.36.3");

  /** Desired configs: the running one with {@code extra} appended, per node ("" = unchanged). */
  private static final class Configs implements NodeConfigs {
    final FakeRollingCluster cluster;
    final Function<ClusterMember, String> extra;
    final List<String> applied = new ArrayList<>();

    Configs(FakeRollingCluster cluster, Function<ClusterMember, String> extra) {
      this.cluster = cluster;
      this.extra = extra;
    }

    @Override
    public byte[] desired(ClusterMember node) {
      String running = new String(cluster.node(node.hostname()).config, StandardCharsets.UTF_8);
      String more = extra.apply(node);
      return (running.contains(more) ? running : running + more).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean same(byte[] running, byte[] desired) {
      return Arrays.equals(running, desired);
    }

    @Override
    public String diff(ClusterMember node, byte[] running, byte[] desired) {
      return "--- " + node.hostname() + "\n";
    }

    @Override
    public void applied(ClusterMember node) {
      applied.add(node.hostname());
    }
  }

  private ConfigRollout.Result run(Configs configs, boolean dryRun, boolean reboot) {
    return new ConfigRollout(
            TalosRolloutTest.context(cluster, journal, progress, dryRun, Duration.ofSeconds(10)),
            configs)
        .run(dryRun, reboot);
  }

  @Test
  void aLiveChangeIsAppliedToTheNodesItChangesControlPlanesFirst() {
    Configs configs =
        new Configs(cluster, m -> m.hostname().contains("workers-2") ? "" : "# sysctl\n");
    ConfigRollout.Result result = run(configs, false, false);

    assertThat(result.steps())
        .extracting(ConfigRollout.Step::node, ConfigRollout.Step::change)
        .containsExactly(
            tuple("t-cp-1", "applied"),
            tuple("t-cp-2", "applied"),
            tuple("t-cp-3", "applied"),
            tuple("t-workers-1", "applied"),
            tuple("t-workers-2", "unchanged"));
    assertThat(configs.applied).containsExactly("t-cp-1", "t-cp-2", "t-cp-3", "t-workers-1");
    assertThat(cluster.log()).noneMatch(l -> l.startsWith("drain") || l.startsWith("reboot"));
    assertThat(journal.hasActed("apply config change to t-cp-1")).isTrue();
    assertThat(run(configs, false, false).changed()).as("a re-run finds nothing to do").isZero();
  }

  @Test
  void aChangeThatNeedsARebootIsStagedUnlessToldToReboot() {
    Configs configs = new Configs(cluster, m -> "# " + FakeRollingCluster.NEEDS_REBOOT + "\n");
    ConfigRollout.Result result = run(configs, false, false);

    assertThat(result.steps()).allMatch(s -> s.change().equals("staged") && s.rebootNeeded());
    assertThat(cluster.log()).allMatch(l -> l.startsWith("stage "));
    assertThat(cluster.node("t-cp-1").staged).isNotNull();
  }

  @Test
  void withRebootEachNodeGoesThroughTheGatesOneAtATime() {
    Configs configs =
        new Configs(
            cluster,
            m ->
                m.hostname().equals("t-cp-2") || m.hostname().equals("t-workers-1")
                    ? "# " + FakeRollingCluster.NEEDS_REBOOT + "\n"
                    : "");
    ConfigRollout.Result result = run(configs, false, true);

    assertThat(cluster.log())
        .containsExactly(
            "reboot into config t-cp-2",
            "drain t-workers-1",
            "reboot into config t-workers-1",
            "uncordon t-workers-1");
    assertThat(cluster.violations()).isEmpty();
    assertThat(result.changed()).isEqualTo(2);
  }

  @Test
  void aNodeThatDoesNotComeBackStopsTheRolloutNamingIt() {
    cluster.neverReturns("t-cp-1");
    Configs configs = new Configs(cluster, m -> "# " + FakeRollingCluster.NEEDS_REBOOT + "\n");
    assertThatThrownBy(
            () ->
                new ConfigRollout(
                        TalosRolloutTest.context(
                            cluster, journal, progress, false, Duration.ofMillis(200)),
                        configs)
                    .run(false, true))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("stopped at t-cp-1")
        .hasMessageContaining("0 of 5");
    assertThat(cluster.log()).containsExactly("reboot into config t-cp-1");
  }

  @Test
  void aDryRunComparesAndChangesNothing() {
    Configs configs =
        new Configs(
            cluster,
            m -> m.controlPlane() ? "# live\n" : "# " + FakeRollingCluster.NEEDS_REBOOT + "\n");
    ConfigRollout.Result result = run(configs, true, false);

    assertThat(result.dryRun()).isTrue();
    assertThat(result.steps())
        .extracting(ConfigRollout.Step::change)
        .containsExactly("would apply", "would apply", "would apply", "would stage", "would stage");
    assertThat(result.steps()).allMatch(s -> s.diff().startsWith("--- " + s.node()));
    assertThat(cluster.log()).isEmpty();
    assertThat(configs.applied).isEmpty();
    assertThat(journal.entries()).isEmpty();
  }
}
