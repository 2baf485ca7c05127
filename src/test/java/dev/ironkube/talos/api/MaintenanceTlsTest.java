package dev.ironkube.talos.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.sim.talos.UpstreamMaintenanceNode;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The maintenance channel against a node presenting the certificate Talos really builds (empty
 * subject root, empty issuer leaf; see sim/talos/MaintenanceCertificates for the sources): a real
 * handshake and a real RPC, for both key kinds Talos uses.
 */
class MaintenanceTlsTest {
  @Test
  void handshakesWithTheEd25519CertificateTalosPresents() throws Exception {
    InetAddress address = InetAddress.getByName("127.0.1.201");
    try (var node = new UpstreamMaintenanceNode(address, false, List.of(address));
        var client = client(address, node)) {
      assertThat(node.leaf().getIssuerX500Principal().getEncoded()).hasSize(2); // 30 00
      assertThat(client.disks()).isNotEmpty();
    }
  }

  @Test
  void handshakesWithTheEcdsaCertificateOfAFipsNode() throws Exception {
    InetAddress address = InetAddress.getByName("127.0.1.202");
    try (var node = new UpstreamMaintenanceNode(address, true, List.of(address));
        var client = client(address, node)) {
      assertThat(client.disks()).isNotEmpty();
    }
  }

  @Test
  void anAddressMissingFromTheSansDoesNotMatterInMaintenance() throws Exception {
    // Behind NAT or a floating IP the node does not know the address we dial.
    InetAddress address = InetAddress.getByName("127.0.1.203");
    try (var node =
            new UpstreamMaintenanceNode(
                address, false, List.of(InetAddress.getByName("198.51.100.9")));
        var client = client(address, node)) {
      assertThat(client.awaitMaintenance(Duration.ofSeconds(20))).isNotEmpty();
    }
  }

  private static TalosClient client(InetAddress address, UpstreamMaintenanceNode node) {
    return TalosClient.maintenance(
        address.getHostAddress(),
        node.port(),
        Polling.defaults().withCallTimeout(Duration.ofSeconds(5)));
  }
}
