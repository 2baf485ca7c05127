package dev.ironkube.sim.talos;

import dev.ironkube.sim.SimDisk;
import io.grpc.Server;
import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A bare maintenance-mode listener (Disks only) presenting the certificate Talos builds, for the
 * client's TLS tests in another package. {@code fips} picks ECDSA P-256, as Talos 1.11/1.12 do in
 * FIPS mode; otherwise Ed25519, the default on every version.
 */
public final class UpstreamMaintenanceNode implements AutoCloseable {
  private final NodeIngress ingress = new NodeIngress("upstream-maintenance");
  private final MaintenanceCertificates.Pair certificates;
  private final Server server;

  public UpstreamMaintenanceNode(InetAddress address, boolean fips, List<InetAddress> sanAddresses)
      throws IOException {
    this.certificates =
        MaintenanceCertificates.issue(
            fips
                ? MaintenanceCertificates.KeyKind.ECDSA_P256
                : MaintenanceCertificates.KeyKind.ED25519,
            sanAddresses,
            List.of("talos-upstream"));
    this.server =
        NodeServers.maintenance(
            address, 0, ingress, certificates.server(), List.of(new StorageApi(SimDisk.typical())));
  }

  public int port() {
    return server.getPort();
  }

  public X509Certificate root() {
    return certificates.root().certificate();
  }

  public X509Certificate leaf() {
    return certificates.server().certificate();
  }

  @Override
  public void close() {
    NodeServers.stop(server, true);
    ingress.close();
  }
}
