package dev.ironkube.talos.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.sim.talos.UpstreamMaintenanceNode;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceTlsTest {
  @Test
  void handshakesWithTheEd25519CertificateTalosPresents() throws Exception {
    InetAddress address = InetAddress.getByName("127.0.1.201");
    try (var node = new UpstreamMaintenanceNode(address, false, List.of(address));
        var client =
            TalosClient.maintenance(
                address.getHostAddress(),
                node.port(),
                Polling.defaults().withCallTimeout(Duration.ofSeconds(5)))) {
      try {
        assertThat(client.disks()).isNotEmpty();
      } catch (RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          System.err.println("CAUSE " + t);
          for (Throwable s : t.getSuppressed()) {
            for (Throwable u = s; u != null; u = u.getCause()) System.err.println("  SUP " + u);
          }
        }
        throw e;
      }
    }
  }
}
