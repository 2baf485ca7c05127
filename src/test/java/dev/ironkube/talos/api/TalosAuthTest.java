package dev.ironkube.talos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.talos.testing.SimNodeFixture;
import dev.ironkube.talos.testing.TestPki;
import java.time.Duration;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

/** apid's mTLS: only our OS CA's clients get in, and only os:admin may change the node. */
class TalosAuthTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void aClientCertificateFromAForeignCaIsRejected() {
    try (SimNodeFixture sim = configured()) {
      TestPki.Pair foreign = TestPki.osCa();
      TalosIdentity stranger =
          new TalosIdentity(
              sim.osCa.certPem(), // trusts the right node...
              TestPki.client(foreign, "O=os:admin", KeyPurposeId.id_kp_clientAuth).certPem(),
              TestPki.client(foreign, "O=os:admin", KeyPurposeId.id_kp_clientAuth).keyPem());

      assertThatThrownBy(() -> sim.secureClient(stranger).version())
          .isInstanceOf(RemoteServiceException.Unauthorized.class)
          .hasMessageContaining("TLS handshake")
          .satisfies(e -> assertThat(((RemoteServiceException) e).retryable()).isFalse());
    }
  }

  @Test
  void aClientWhoseCaDiffersFromTheNodesNeverSeesTheNodeAsSecure() {
    try (SimNodeFixture sim = configured()) {
      TalosClient wrongTrust = sim.secureClient(TestPki.admin(TestPki.osCa()));

      assertThatThrownBy(() -> wrongTrust.awaitSecure(Duration.ofMillis(300)))
          .isInstanceOf(OperationFailedException.class)
          .hasMessageContaining("TLS handshake");
    }
  }

  @Test
  void aClientCertificateWithoutOsAdminMayReadButNotAdminister() {
    try (SimNodeFixture sim = configured()) {
      TalosClient reader = sim.secureClient(TestPki.identity(sim.osCa, "O=os:reader"));
      assertThat(reader.version().tag()).isEqualTo("v1.11.6");

      assertThatThrownBy(() -> reader.kubeconfig())
          .isInstanceOf(RemoteServiceException.Unauthorized.class)
          .hasMessageContaining("PERMISSION_DENIED");
      assertThatThrownBy(() -> reader.bootstrap(WAIT))
          .isInstanceOf(RemoteServiceException.Unauthorized.class);
      assertThat(sim.node.bootstrapped()).isFalse();
    }
  }

  @Test
  void aClientCertificateWithNoTalosRoleIsDeniedEverything() {
    try (SimNodeFixture sim = configured()) {
      TalosClient nobody = sim.secureClient(TestPki.identity(sim.osCa, "O=developers"));

      assertThatThrownBy(nobody::version)
          .isInstanceOf(RemoteServiceException.Unauthorized.class)
          .hasMessageContaining("PERMISSION_DENIED");
    }
  }

  @Test
  void identityNeverPrintsItsKey() {
    TalosIdentity admin = TestPki.admin(TestPki.osCa());
    assertThat(admin.toString()).doesNotContain("PRIVATE KEY").contains("redacted");
  }

  private static SimNodeFixture configured() {
    SimNodeFixture sim = SimNodeFixture.instant();
    sim.maintenanceClient().applyConfiguration(sim.config().yaml());
    sim.adminClient().awaitSecure(WAIT);
    return sim;
  }
}
