package dev.ironkube.talos.api;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.talos.api.proto.cosi.StateGrpc;
import dev.ironkube.talos.api.proto.machine.MachineServiceGrpc;
import dev.ironkube.talos.api.proto.storage.StorageServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** One gRPC channel to a node's apid and the stubs over it, each call with its own deadline. */
final class TalosChannel implements AutoCloseable {
  /** Talos's own limit; grpc-java's 4 MiB default is too small for COSI lists. */
  private static final int MAX_INBOUND_BYTES = 32 << 20;

  private final String target;
  private final ManagedChannel channel;

  private TalosChannel(String host, int port, SslContext tls) {
    this.target = host + ":" + port;
    this.channel =
        NettyChannelBuilder.forAddress(host, port)
            .sslContext(tls)
            .maxInboundMessageSize(MAX_INBOUND_BYTES)
            .build();
  }

  static TalosChannel maintenance(String host, int port) {
    try {
      return new TalosChannel(host, port, TalosTls.maintenance());
    } catch (SSLException e) {
      throw new IllegalStateException("the JDK TLS provider is unusable", e);
    }
  }

  static TalosChannel mutual(String host, int port, TalosIdentity identity) {
    try {
      return new TalosChannel(host, port, TalosTls.mutual(identity));
    } catch (SSLException e) {
      throw new UserInputException(
          "the talosconfig identity cannot be used for TLS: " + e.getClass().getSimpleName(),
          "regenerate the talosconfig from the persisted secrets bundle");
    }
  }

  String target() {
    return target;
  }

  MachineServiceGrpc.MachineServiceBlockingStub machine(Polling polling) {
    return MachineServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(polling.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** For client-streaming calls (EtcdRecover), which the blocking stub cannot make. */
  MachineServiceGrpc.MachineServiceStub machineAsync(Duration deadline) {
    return MachineServiceGrpc.newStub(channel)
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  StorageServiceGrpc.StorageServiceBlockingStub storage(Polling polling) {
    return StorageServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(polling.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  StateGrpc.StateBlockingStub cosi(Polling polling) {
    return StateGrpc.newBlockingStub(channel)
        .withDeadlineAfter(polling.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * A node that was down leaves the channel in exponential reconnect backoff (up to two minutes); a
   * wait calls this before each probe so it notices the node within one polling interval.
   */
  void skipReconnectBackoff() {
    channel.resetConnectBackoff();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
