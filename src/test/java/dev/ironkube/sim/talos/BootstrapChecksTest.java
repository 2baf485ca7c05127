package dev.ironkube.sim.talos;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

/**
 * Bootstrap's refusals in the order upstream checks them (siderolabs/talos tags v1.11.6 and
 * v1.13.9, internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go, Bootstrap): CRI
 * readiness first, then the control-plane check, then time sync, then the etcd data directory. Each
 * case breaks the check under test and every later one, so only the order decides the answer.
 */
class BootstrapChecksTest {
  private final TalosMinor v111 = TalosMinor.of("v1.11.6");
  private final TalosMinor v113 = TalosMinor.of("v1.13.0");

  private static BootstrapChecks.Facts facts(
      boolean criUp, boolean controlPlane, boolean timeSynced, boolean etcdHasData) {
    return new BootstrapChecks.Facts(true, false, criUp, controlPlane, timeSynced, etcdHasData);
  }

  @Test
  void criNotUpIsAnsweredBeforeAnythingElse() {
    Status s = BootstrapChecks.refusal(facts(false, false, false, true), v113);
    assertThat(s.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(s.getDescription()).isEqualTo("bootstrap is not available yet");
  }

  @Test
  void aWorkerIsRefusedBeforeTimeSyncAndPerRelease() {
    Status old = BootstrapChecks.refusal(facts(true, false, false, true), v111);
    assertThat(old.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(old.getDescription())
        .isEqualTo("bootstrap can only be performed on a control plane node");
    Status now = BootstrapChecks.refusal(facts(true, false, false, true), v113);
    assertThat(now.getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(now.getDescription())
        .isEqualTo("bootstrap is only available on control plane nodes");
  }

  @Test
  void timeSyncComesBeforeTheEtcdDataDirectory() {
    assertThat(BootstrapChecks.refusal(facts(true, true, false, true), v113))
        .isSameAs(BootstrapChecks.TIME_NOT_SYNCED);
    Status exists = BootstrapChecks.refusal(facts(true, true, true, true), v113);
    assertThat(exists.getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(exists.getDescription()).isEqualTo("etcd data directory is not empty");
    assertThat(BootstrapChecks.refusal(facts(true, true, true, false), v113)).isNull();
  }

  @Test
  void aRebootingNodeAndAnInjectedFaultAreRefusedToo() {
    assertThat(
            BootstrapChecks.refusal(
                    new BootstrapChecks.Facts(false, false, false, false, false, false), v113)
                .getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(
            BootstrapChecks.refusal(
                    new BootstrapChecks.Facts(true, true, true, true, true, false), v113)
                .getDescription())
        .isEqualTo("bootstrap is not available yet");
  }
}
