package dev.ironkube.talos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.talos.TalosNodeFake;
import dev.ironkube.talos.testing.SimNodeFixture;
import dev.ironkube.talos.testing.TestPki;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Version dialects, reboots and the apid certificate's SANs. */
class TalosNodeLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void talos113AnswersVersionInMaintenanceDirectly() {
    try (SimNodeFixture sim = new SimNodeFixture(TimeModel.instant(), Faults.none(), "v1.13.9")) {
      NodeVersion version = sim.maintenanceClient().version();

      assertThat(version.tag()).isEqualTo("v1.13.9");
      assertThat(version.platform()).isEqualTo("metal"); // from the RPC, not the COSI resource
    }
  }

  @Test
  void theNodeIsUnreachableWhileRebootingAndComesBackBootstrapped() {
    TimeModel time = TimeModel.instant().override("talos.reboot", Duration.ofMillis(300));
    try (SimNodeFixture sim = new SimNodeFixture(time, Faults.none(), "v1.11.6")) {
      sim.maintenanceClient().applyConfiguration(sim.config().yaml());
      assertThat(sim.node.mode()).isEqualTo(TalosNodeFake.Mode.REBOOTING);
      TalosClient admin = sim.adminClient();
      admin.awaitSecure(WAIT);
      admin.bootstrap(WAIT);

      admin.reboot();

      assertThat(sim.node.mode()).isEqualTo(TalosNodeFake.Mode.REBOOTING);
      admin.awaitSecure(WAIT);
      // etcd starts by itself after a reboot: the data directory is there.
      admin.awaitHealthy(Set.of("etcd", "kubelet"), WAIT);
      assertThat(admin.bootstrap(WAIT)).isEqualTo(TalosClient.BootstrapResult.ALREADY_BOOTSTRAPPED);
    }
  }

  /** Dialling a name the apid certificate lacks fails verification until it is in certSANs. */
  @Test
  void apidCertificateCarriesTheNodeAddressAndCertSans() {
    try (SimNodeFixture plain =
        new SimNodeFixture("127.0.0.1", TimeModel.instant(), Faults.none(), "v1.11.6")) {
      plain.maintenanceClient().applyConfiguration(plain.config().yaml());
      plain.adminClient().awaitSecure(WAIT);

      TalosClient byName = plain.secureClient("localhost", TestPki.admin(plain.osCa));
      assertThatThrownBy(() -> byName.awaitSecure(Duration.ofMillis(300)))
          .isInstanceOf(OperationFailedException.class)
          .hasMessageContaining("TLS handshake");
    }
    try (SimNodeFixture named =
        new SimNodeFixture("127.0.0.1", TimeModel.instant(), Faults.none(), "v1.11.6")) {
      named.maintenanceClient().applyConfiguration(named.config().withCertSans("localhost").yaml());

      TalosClient byName = named.secureClient("localhost", TestPki.admin(named.osCa));
      assertThat(byName.awaitSecure(WAIT).tag()).isEqualTo("v1.11.6");
    }
  }
}
