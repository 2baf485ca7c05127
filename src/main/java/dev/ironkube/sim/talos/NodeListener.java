package dev.ironkube.sim.talos;

import dev.ironkube.sim.SimDisk;
import io.grpc.BindableService;
import io.grpc.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * The node's Talos API listener on its one port: in maintenance mode a fresh leaf and the
 * maintenance services, configured apid's certificate with client certificates required and the
 * secure services. It goes away on every reboot and reset and comes back on the same port. Guarded
 * by the node's lock.
 */
final class NodeListener {
  private final TalosNodeFake node;
  private final InetAddress address;
  private final NodeIngress ingress;
  private final List<SimDisk> disks;
  private final String talosVersion;
  private final Supplier<String> stage;
  private int port;
  private Server server;

  NodeListener(
      TalosNodeFake node,
      InetAddress address,
      int port,
      NodeIngress ingress,
      List<SimDisk> disks,
      String talosVersion,
      Supplier<String> stage) {
    this.node = node;
    this.address = address;
    this.port = port;
    this.ingress = ingress;
    this.disks = disks;
    this.talosVersion = talosVersion;
    this.stage = stage;
  }

  /** The port, fixed for the node's life once the first listener resolved an ephemeral request. */
  int port() {
    return port;
  }

  /** Listens in maintenance mode, as the node named {@code hostname}. */
  void maintenance(String hostname) throws IOException {
    server =
        NodeServers.maintenance(
            address,
            port,
            ingress,
            maintenanceCertificate(hostname),
            List.of(
                new MaintenanceApi(node),
                new StorageApi(disks),
                new CosiApi(node.talosVersion(), disks, stage)));
    port = server.getPort();
  }

  /**
   * Listens configured: mTLS with {@code apid}'s certificate, clients checked against the OS CA.
   */
  void mutual(SimPki.Issued apid, SimPki.Issued osCa) throws IOException {
    List<BindableService> services =
        List.of(
            new SecureApi(node),
            new StorageApi(disks),
            new CosiApi(
                node.talosVersion(),
                disks,
                stage,
                id ->
                    (MachineConfigResource.ID.equals(id)
                            ? node.appliedConfig()
                            : node.configs.persisted())
                        .map(AppliedConfig::raw)
                        .orElse(null),
                () -> StaticPods.ids(node)));
    server = NodeServers.mutual(address, port, ingress, apid, osCa, services);
  }

  /** Listens configured with apid's certificate for {@code config}, issued by {@code issuer}. */
  void configured(AppliedConfig config, String hostname, SimPki.Issued issuer) {
    try {
      mutual(NodeCertificates.apid(config, address, hostname, issuer), config.osCa());
    } catch (IOException e) {
      throw new UncheckedIOException("node " + hostname + " could not listen after reboot", e);
    }
  }

  /** Listens in maintenance mode again, after a reset. */
  void maintenanceAgain(String hostname) {
    try {
      maintenance(hostname);
    } catch (IOException e) {
      throw new UncheckedIOException("node " + hostname + " could not listen after reset", e);
    }
  }

  /** Takes the listener away (null if there is none), for the caller to stop where it chooses. */
  Server take() {
    Server old = server;
    server = null;
    return old;
  }

  /**
   * A fresh root and leaf at every boot into maintenance, as Talos makes them (the root lives in
   * memory only); the SANs hold this node's address and its hostname.
   */
  private SimPki.Issued maintenanceCertificate(String hostname) {
    return MaintenanceCertificates.issue(
            MaintenanceCertificates.KeyKind.ED25519, List.of(address), List.of(hostname))
        .server();
  }
}
