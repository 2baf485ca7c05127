package dev.ironkube.access;

import static dev.ironkube.access.LockdownRig.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.time.Sleeper;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lockdown against a simulated node running ironkube's generated config: open to the operator
 * before, closed after, and the node network keeps its access.
 */
class LockdownTest {
  private final List<String> progress = new ArrayList<>();

  private Lockdown lockdown() throws Exception {
    PortProbe fromOperator = new PortProbe(Probes.SILENCE, InetAddress.getByName(OPERATOR));
    return new Lockdown(
        fromOperator,
        // The settle window a port left open waits out; a closed one is seen on the first probe.
        Duration.ofSeconds(1),
        Duration.ofMillis(50),
        Clock.systemUTC(),
        Sleeper.SYSTEM,
        progress::add);
  }

  @Test
  void portsOpenToTheOperatorBeforeAreClosedAfterWhileTheNodeNetworkKeepsAccess() throws Exception {
    try (LockdownRig rig = new LockdownRig("127.0.1.201")) {
      assertThat(rig.answers(OPERATOR, rig.node.port())).as("50000 before").isTrue();
      assertThat(rig.answers(OPERATOR, rig.kubernetesPort)).as("6443 before").isTrue();
      assertThat(rig.silent("127.0.0.3", rig.node.port())).as("a stranger, before").isTrue();

      LockdownResult result =
          lockdown()
              .lockDown(rig.admin, rig.generator, LockdownRig.VERSION, rig.input, rig.target());

      assertThat(result.probes()).isEqualTo(1);
      assertThat(rig.silent(OPERATOR, rig.node.port())).as("50000 after").isTrue();
      assertThat(rig.silent(OPERATOR, rig.kubernetesPort)).as("6443 after").isTrue();
      assertThat(rig.answers(rig.ip, rig.node.port())).as("node network, 50000").isTrue();
      assertThat(rig.answers(rig.ip, rig.kubernetesPort)).as("node network, 6443").isTrue();
      assertThat(new String(rig.node.appliedConfig().orElseThrow().raw(), StandardCharsets.UTF_8))
          .isEqualTo(rig.generator.renderLockedDown(LockdownRig.VERSION, rig.input));
      assertThat(progress).last().asString().contains("no longer answer from here");
    }
  }

  @Test
  void aLockdownThatLeavesAPortOpenIsATypedFailureForCleanup() throws Exception {
    try (LockdownRig rig = new LockdownRig("127.0.1.202")) {
      // A config the node rejects: the allows stay, so cleanup must delete the node.
      assertThatThrownBy(
              () -> lockdown().apply(rig.admin, "version: v1alpha1\n".getBytes(), rig.target()))
          .isInstanceOfSatisfying(
              OperationFailedException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.PROVISION_FAILED))
          .hasMessageContaining("the lockdown config was not applied");
      assertThat(rig.answers(OPERATOR, rig.node.port())).isTrue();

      // Re-applying the bootstrap config (operator still allowed) must not pass as a lockdown.
      assertThatThrownBy(() -> lockdown().apply(rig.admin, rig.bootstrapConfig(), rig.target()))
          .isInstanceOfSatisfying(
              OperationFailedException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.PROVISION_FAILED))
          .hasMessageContaining("still answer from this machine")
          .hasMessageContaining(String.valueOf(rig.node.port()));
    }
  }
}
