package dev.ironkube.talos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.talos.testing.SimNodeFixture;
import dev.ironkube.talos.testing.TestPki;
import java.security.cert.CertificateParsingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** A node that answers but whose handshake fails is named as such, and what cannot heal ends. */
class TlsFailureWaitTest {
  private static final Duration THIRTY_MINUTES = Duration.ofMinutes(30);

  @Test
  void aCaMismatchAfterConfigurationEndsTheWaitAtOnceNamingTheFix() {
    try (SimNodeFixture sim = SimNodeFixture.instant()) {
      sim.maintenanceClient().applyConfiguration(sim.config().yaml());
      sim.adminClient().awaitSecure(Duration.ofSeconds(15));
      TalosClient otherSecrets = sim.secureClient(TestPki.admin(TestPki.osCa()));

      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () ->
              assertThatThrownBy(() -> otherSecrets.awaitSecure(THIRTY_MINUTES))
                  .isInstanceOf(OperationFailedException.class)
                  .hasMessageContaining("not from the OS CA we trust")
                  .hasMessageContaining("config made from other secrets")
                  .satisfies(
                      e ->
                          assertThat(((OperationFailedException) e).hint())
                              .contains("talosconfig")));
    }
  }

  @Test
  void theMaintenanceCertificateSeenOverMtlsIsATlsFailureThatMayHeal() {
    // Before the config lands the node still presents its maintenance certificate, whose empty
    // issuer the JDK refuses: that is what awaitSecure sees while the node reboots, so it waits.
    try (SimNodeFixture sim = SimNodeFixture.instant()) {
      List<String> progress = new ArrayList<>();
      TalosClient admin =
          TalosClient.secure(
              sim.ip,
              sim.node.port(),
              TestPki.admin(sim.osCa),
              sim.polling().withInterval(Duration.ofMillis(50)).withProgress(progress::add));

      assertThatThrownBy(() -> admin.awaitSecure(Duration.ofMillis(600)))
          .isInstanceOf(OperationFailedException.class)
          .hasMessageContaining("within 600ms")
          .hasMessageContaining("the node answers, but the node's certificate cannot be parsed");
      assertThat(progress)
          .anySatisfy(l -> assertThat(l).contains("the node's certificate cannot be parsed"))
          .noneSatisfy(l -> assertThat(l).contains("PT"));
    }
  }

  @Test
  void aMaintenanceCertificateWeCannotParseEndsTheMaintenanceWait() {
    try (TalosClient client = TalosClient.maintenance("127.0.0.1", 9, Polling.defaults())) {
      TalosWaits waits = new TalosWaits(client, Polling.defaults());
      var refused =
          new RemoteServiceException.Unauthorized("Talos API at 127.0.0.1:9", "Disks failed", "");
      refused.addSuppressed(
          new SSLHandshakeException("bad certificate")
              .initCause(new CertificateParsingException("issuer cannot be empty")));

      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () ->
              assertThatThrownBy(
                      () ->
                          waits.until(
                              "the Talos API in maintenance mode",
                              THIRTY_MINUTES,
                              "",
                              () -> {
                                throw refused;
                              }))
                  .isInstanceOf(OperationFailedException.class)
                  .hasMessageContaining("in maintenance mode failed")
                  .hasMessageContaining("cannot be parsed")
                  .hasMessageContaining("waiting will not change that"));
    }
  }
}
