package dev.ironkube.talos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.talos.TalosNodeFake;
import dev.ironkube.talos.testing.SimNodeFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TalosApplyTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void aConnectionDroppedByTheApplyIsTheRebootAndTheNodeComesUpConfigured() {
    Faults faults = new Faults(1).arm(Faults.Rule.once("talos.apply", "drop"));
    try (SimNodeFixture sim = new SimNodeFixture(TimeModel.instant(), faults, "v1.11.6")) {
      ApplyResult result = sim.maintenanceClient().applyConfiguration(sim.config().yaml());

      assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.REBOOTING);
      assertThat(result.result()).isEqualTo("rebooting");
      assertThat(sim.adminClient().awaitSecure(WAIT).tag()).isEqualTo("v1.11.6");
      assertThat(sim.node.appliedConfig()).isPresent();
      assertThat(faults.fired()).containsExactly("talos.apply -> drop");
    }
  }

  @Test
  void anInvalidConfigIsRejectedNamingEveryProblemAndTheNodeStaysInMaintenance() {
    try (SimNodeFixture sim = SimNodeFixture.instant()) {
      byte[] bad = sim.config().withClusterName("").withInstallDisk("/dev/sdz").yaml();

      assertThatThrownBy(() -> sim.maintenanceClient().applyConfiguration(bad))
          .isInstanceOf(RemoteServiceException.Rejected.class)
          .hasMessageContaining("INVALID_ARGUMENT")
          .hasMessageContaining("cluster.clusterName: required")
          .hasMessageContaining("specified install disk does not exist: \"/dev/sdz\"")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("PRIVATE KEY"));
      assertThat(sim.node.mode()).isEqualTo(TalosNodeFake.Mode.MAINTENANCE);
      assertThat(sim.node.appliedConfig()).isEmpty();
    }
  }

  @Test
  void aDocumentKindTheNodesTalosVersionDoesNotKnowIsRejected() {
    try (SimNodeFixture sim = SimNodeFixture.instant()) {
      byte[] config =
          sim.config()
              .withDocument("apiVersion: v1alpha1\nkind: HostnameConfig\nhostname: cp-1\n")
              .yaml();

      assertThatThrownBy(() -> sim.maintenanceClient().applyConfiguration(config))
          .isInstanceOf(RemoteServiceException.Rejected.class)
          .hasMessageContaining("\"HostnameConfig\" \"v1alpha1\": not registered");
    }
  }

  @Test
  void anInjectedRejectionIsNotRetriedAndAppliesNothing() {
    Faults faults = new Faults(1).arm(Faults.Rule.once("talos.apply", "reject"));
    try (SimNodeFixture sim = new SimNodeFixture(TimeModel.instant(), faults, "v1.11.6")) {
      assertThatThrownBy(() -> sim.maintenanceClient().applyConfiguration(sim.config().yaml()))
          .isInstanceOf(RemoteServiceException.Rejected.class);
      assertThat(sim.node.appliedConfig()).isEmpty();
    }
  }
}
