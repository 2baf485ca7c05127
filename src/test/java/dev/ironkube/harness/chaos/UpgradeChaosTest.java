package dev.ironkube.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run of each upgrade disturbance against every invariant: never more than one control plane
 * down, etcd healthy on a quorum throughout, a broken node named and the rollout stopped there, an
 * interrupted or killed rollout finished by the next run with every node on one version, and
 * nothing left after the final destroy. A node that never comes back is the long campaign's ({@code
 * ironkube sim chaos --scenario upgrade-node-never-returns}): the same stop as a node whose etcd
 * stays unhealthy here, reached through the wait's timeout, which TalosRolloutTest pins over fakes,
 * while UpgradeEndToEndTest stops a real rollout at a failed node and finishes it.
 */
class UpgradeChaosTest {
  @Test
  void everyUpgradeKindKeepsTheInvariants() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<String> scenarios =
        List.of(
            Catalogue.UPGRADE_ETCD_UNHEALTHY + "/3+1",
            Catalogue.UPGRADE_CTRL_C + "/3+1",
            Catalogue.UPGRADE_KILL_THEN_RESUME);
    ChaosSummary s =
        new ChaosRunner(7, 0.0005, new PrintStream(log, true, StandardCharsets.UTF_8))
            .run(0, scenarios);
    String report = log.toString(StandardCharsets.UTF_8);
    assertThat(s.runs()).isEqualTo(scenarios.size());
    assertThat(s.violations()).as(report).isZero();
    assertThat(s.outcomes().keySet())
        .as(report)
        .contains("provisioned+upgrade-stopped")
        .anyMatch(o -> o.startsWith("provisioned+upgrade"));
  }
}
