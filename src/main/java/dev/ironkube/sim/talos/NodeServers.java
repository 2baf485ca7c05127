package dev.ironkube.sim.talos;

import dev.ironkube.sim.ServerTls;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the node's gRPC listener. The JDK TLS provider on purpose: BoringSSL in
 * grpc-netty fails Ed25519 handshakes, and Talos's certificates are Ed25519.
 */
final class NodeServers {
  private static final int MAX_MESSAGE_BYTES = 32 << 20;

  private NodeServers() {}

  /**
   * Maintenance: the leaf of a root generated at boot (see {@link MaintenanceCertificates}), sent
   * without its root, and no client certificate asked for (siderolabs/talos v1.11.6
   * internal/app/maintenance/provider.go: {@code tls.ServerOnly}, the chain {@code
   * tls.X509KeyPair(server.Crt)} holds the leaf alone).
   */
  static Server maintenance(
      InetAddress address,
      int port,
      NodeIngress ingress,
      SimPki.Issued cert,
      List<BindableService> services)
      throws IOException {
    SslContext tls = ServerTls.grpc(cert.key(), List.of(cert.certificate()), List.of());
    NettyServerBuilder builder = builder(address, port, ingress, tls);
    services.forEach(builder::addService);
    return bind(builder);
  }

  /** Configured: apid's certificate; clients must present one chaining to the OS CA. */
  static Server mutual(
      InetAddress address,
      int port,
      NodeIngress ingress,
      SimPki.Issued apid,
      SimPki.Issued osCa,
      List<BindableService> services)
      throws IOException {
    SslContext tls =
        ServerTls.grpc(apid.key(), List.of(apid.certificate()), List.of(osCa.certificate()));
    NettyServerBuilder builder = builder(address, port, ingress, tls);
    AdminRoles roles = new AdminRoles();
    services.forEach(s -> builder.addService(ServerInterceptors.intercept(s, roles)));
    return bind(builder);
  }

  private static NettyServerBuilder builder(
      InetAddress address, int port, NodeIngress ingress, SslContext tls) {
    return ingress
        .guard(NettyServerBuilder.forAddress(new InetSocketAddress(address, port)))
        .sslContext(tls)
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        // The node rebinds the same port after each simulated reboot.
        .withOption(ChannelOption.SO_REUSEADDR, true);
  }

  /** A just-closed listener may hold the port for a moment; retry briefly before giving up. */
  private static Server bind(NettyServerBuilder builder) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        return builder.build().start();
      } catch (IOException e) {
        last = e;
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
    throw last;
  }

  /** Graceful when the last answer must still leave; immediate to simulate a dropped link. */
  static void stop(Server server, boolean abrupt) {
    if (server == null) {
      return;
    }
    try {
      if (!abrupt) {
        server.shutdown();
        server.awaitTermination(1, TimeUnit.SECONDS);
      }
      server.shutdownNow();
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
  }
}
