package dev.ironkube.access.teleport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.teleport.RecordedToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token calls against the simulated Auth Service over real mutual TLS with TLS-routing ALPN. */
class TeleportTokenTest {
  @TempDir Path dir;

  @Test
  void createsATokenMethodKubeTokenValidForThirtyMinutesAndDeletesIt() {
    try (TeleportRig rig = new TeleportRig(dir, Faults.none())) {
      JoinToken token = rig.client.createKubeJoinToken();

      List<RecordedToken> recorded = rig.auth.createdTokens();
      assertThat(recorded).hasSize(1);
      RecordedToken held = recorded.get(0);
      assertThat(held.name()).isEqualTo(token.secret()).matches("[0-9a-f]{32}");
      assertThat(held.roles()).containsExactly("Kube");
      assertThat(held.joinMethod()).isEqualTo("token");
      assertThat(Duration.between(rig.clock.instant(), held.expires()))
          .isEqualTo(Duration.ofMinutes(30));
      assertThat(token.roles()).containsExactly("Kube");
      assertThat(token.toString()).doesNotContain(token.secret());
      assertThat(held.toString()).doesNotContain(token.secret());

      rig.client.deleteToken(token);
      assertThat(rig.auth.liveTokens()).isEmpty();
      rig.client.deleteToken(token); // already gone counts as deleted
    }
  }

  @Test
  void adminMfaRefusalIsUnauthorizedWithTheMachineIdHint() {
    Faults faults = new Faults(1).arm(Faults.Rule.once("teleport.CreateTokenV2", "mfa"));
    try (TeleportRig rig = new TeleportRig(dir, faults)) {
      assertThatThrownBy(rig.client::createKubeJoinToken)
          .isInstanceOf(RemoteServiceException.Unauthorized.class)
          .hasMessageContaining("CreateTokenV2")
          .hasMessageContaining("requires MFA")
          .satisfies(e -> assertThat(((RemoteServiceException) e).hint()).contains("Machine ID"));
      assertThat(rig.auth.createdTokens()).isEmpty();
    }
  }

  @Test
  void anUnavailableAuthServiceIsTransient() {
    Faults faults = new Faults(1).arm(Faults.Rule.once("teleport.ListResources", "unavailable"));
    try (TeleportRig rig = new TeleportRig(dir, faults)) {
      assertThatThrownBy(rig.client::registeredKubeClusters)
          .isInstanceOf(RemoteServiceException.Transient.class);
      assertThat(rig.client.registeredKubeClusters()).isEmpty();
    }
  }
}
