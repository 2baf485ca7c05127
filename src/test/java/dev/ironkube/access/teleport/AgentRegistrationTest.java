package dev.ironkube.access.teleport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.sim.Faults;
import dev.ironkube.time.Sleeper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polling for the agent with the default 15 s / 10 min plan, on a clock the sleeper moves. */
class AgentRegistrationTest {
  @TempDir Path dir;

  private final List<Duration> slept = new ArrayList<>();
  private final List<String> progress = new ArrayList<>();

  private AgentRegistration registration(TeleportRig rig, Runnable onSleep) {
    Sleeper sleeper =
        d -> {
          slept.add(d);
          rig.clock.advance(d);
          onSleep.run();
        };
    return new AgentRegistration(
        rig.client,
        AgentRegistration.DEFAULT_INTERVAL,
        AgentRegistration.DEFAULT_LIMIT,
        rig.clock,
        sleeper,
        progress::add);
  }

  @Test
  void pollsUntilTheClusterIsListed() {
    Faults faults = new Faults(1).arm(Faults.Rule.once("teleport.ListResources", "unavailable"));
    try (TeleportRig rig = new TeleportRig(dir, faults)) {
      rig.client.createKubeJoinToken();
      AgentRegistration wait =
          registration(
              rig,
              () -> {
                if (slept.size() == 3) {
                  assertThat(rig.auth.agentRegistered("prod-1")).isTrue();
                }
              });

      assertThat(wait.await("prod-1")).isEqualTo(4);
      assertThat(slept).hasSize(3).containsOnly(Duration.ofSeconds(15));
      assertThat(progress.get(0)).contains("simulated fault"); // a transient failure is ridden out
      assertThat(progress).last().isEqualTo("Teleport agent of prod-1 registered");
    }
  }

  @Test
  void anAgentThatNeverRegistersEndsInLeftRunningAfterTenMinutes() {
    try (TeleportRig rig = new TeleportRig(dir, Faults.none())) {
      rig.auth.neverRegister();
      rig.client.createKubeJoinToken();
      assertThat(rig.auth.agentRegistered("prod-1")).isFalse();

      assertThatThrownBy(() -> registration(rig, () -> {}).await("prod-1"))
          .isInstanceOfSatisfying(
              OperationFailedException.class,
              e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCodes.LEFT_RUNNING);
                assertThat(e.hint()).contains("teleport-kube-agent");
              })
          .hasMessageContaining("cluster 'prod-1' did not register within 10m")
          .hasMessageContaining("NOT locked down");
      assertThat(slept).hasSize(40);
      assertThat(slept.stream().reduce(Duration.ZERO, Duration::plus))
          .isEqualTo(Duration.ofMinutes(10));
    }
  }

  @Test
  void anAgentWithoutAKubeTokenCannotJoin() {
    try (TeleportRig rig = new TeleportRig(dir, Faults.none())) {
      assertThat(rig.auth.agentRegistered("prod-1")).isFalse();
      assertThat(rig.auth.failedJoins()).containsExactly("prod-1");
      assertThat(rig.client.registeredKubeClusters()).isEmpty();
    }
  }
}
