package dev.ironkube.talos.api;

import dev.ironkube.talos.api.proto.machine.MachineServiceGrpc;

/**
 * Blocking stubs over ironkube's own channels (real TLS), for tests that pin the exact status codes
 * and messages a simulated node answers, below {@link TalosClient}'s translation.
 */
public final class RawTalosStubs implements AutoCloseable {
  private final TalosChannel channel;
  private final Polling polling;

  private RawTalosStubs(TalosChannel channel, Polling polling) {
    this.channel = channel;
    this.polling = polling;
  }

  public static RawTalosStubs maintenance(String host, int port, Polling polling) {
    return new RawTalosStubs(TalosChannel.maintenance(host, port), polling);
  }

  public static RawTalosStubs mutual(
      String host, int port, TalosIdentity identity, Polling polling) {
    return new RawTalosStubs(TalosChannel.mutual(host, port, identity), polling);
  }

  public MachineServiceGrpc.MachineServiceBlockingStub machine() {
    return channel.machine(polling);
  }

  @Override
  public void close() {
    channel.close();
  }
}
