package dev.ironkube.talos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.talos.testing.SimNodeFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TalosBootstrapTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void bootstrapIsRetriedThroughFailedPreconditionAndIsIdempotent() {
    Faults faults =
        new Faults(1).arm(new Faults.Rule("talos.bootstrap", "precondition", 0, 3, 1.0));
    try (SimNodeFixture sim = new SimNodeFixture(TimeModel.instant(), faults, "v1.11.6")) {
      sim.maintenanceClient().applyConfiguration(sim.config().yaml());
      TalosClient admin = sim.adminClient();
      admin.awaitSecure(WAIT);

      assertThat(admin.bootstrap(WAIT)).isEqualTo(TalosClient.BootstrapResult.BOOTSTRAPPED);
      assertThat(faults.fired()).hasSize(3);
      assertThat(sim.progress)
          .filteredOn(l -> l.startsWith("bootstrap not possible yet"))
          .hasSize(3)
          .allMatch(l -> l.contains("FAILED_PRECONDITION: bootstrap is not available yet"));

      // A second call (a resumed run) finds etcd's data directory in use: that is success.
      assertThat(admin.bootstrap(WAIT)).isEqualTo(TalosClient.BootstrapResult.ALREADY_BOOTSTRAPPED);
      assertThat(sim.node.bootstrapped()).isTrue();
    }
  }

  @Test
  void bootstrapThatNeverBecomesPossibleFailsAtTheDeadlineWithTheLastReason() {
    Faults faults = new Faults(1).arm(Faults.Rule.always("talos.bootstrap", "precondition"));
    try (SimNodeFixture sim = new SimNodeFixture(TimeModel.instant(), faults, "v1.11.6")) {
      sim.maintenanceClient().applyConfiguration(sim.config().yaml());
      TalosClient admin = sim.adminClient();
      admin.awaitSecure(WAIT);

      assertThatThrownBy(() -> admin.bootstrap(Duration.ofMillis(300)))
          .isInstanceOf(OperationFailedException.class)
          .hasMessageContaining("bootstrap is not available yet");
    }
  }

  /**
   * 1.11's maintenance server does not define Bootstrap (grpc-go's stub answers "method Bootstrap
   * not implemented"); 1.13+ apid denies it to the reader role every maintenance caller has. Both
   * are final: no retry.
   */
  @Test
  void maintenanceModeRefusesBootstrapWithoutRetrying() {
    try (SimNodeFixture sim = SimNodeFixture.instant()) {
      assertThatThrownBy(() -> sim.maintenanceClient().bootstrap(WAIT))
          .isInstanceOf(RemoteServiceException.Rejected.class)
          .hasMessageContaining("UNIMPLEMENTED")
          .hasMessageContaining("method Bootstrap not implemented");
    }
    try (SimNodeFixture sim = new SimNodeFixture(TimeModel.instant(), Faults.none(), "v1.14.6")) {
      assertThatThrownBy(() -> sim.maintenanceClient().bootstrap(WAIT))
          .isInstanceOf(RemoteServiceException.Unauthorized.class)
          .hasMessageContaining("PERMISSION_DENIED: not authorized");
      assertThat(sim.progress).noneMatch(l -> l.startsWith("bootstrap not possible yet"));
    }
  }
}
