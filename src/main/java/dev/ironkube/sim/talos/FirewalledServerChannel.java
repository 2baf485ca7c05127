package dev.ironkube.sim.talos;

import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * apid's listening socket with the node's ingress firewall in front. A userland listener cannot
 * drop a SYN the way nftables does, so a refused connection is accepted by the kernel and at once
 * reset (SO_LINGER 0): the client sees its TLS handshake fail with "connection reset" and never
 * gets a session, which is what matters to a caller (and to the lockdown check). Connections
 * already established stay up, as conntrack keeps them in Talos' block mode.
 */
final class FirewalledServerChannel extends NioServerSocketChannel {
  private final NodeIngress ingress;
  private final int port;

  FirewalledServerChannel(NodeIngress ingress, int port) {
    this.ingress = ingress;
    this.port = port;
  }

  @Override
  protected int doReadMessages(List<Object> buf) throws Exception {
    int before = buf.size();
    int accepted = super.doReadMessages(buf);
    for (int i = buf.size() - 1; i >= before; i--) {
      NioSocketChannel child = (NioSocketChannel) buf.get(i);
      InetSocketAddress remote = child.remoteAddress();
      // The port the node publishes, not the ephemeral one a test may have been given.
      if (remote == null || !ingress.admits(remote.getAddress(), port)) {
        buf.remove(i);
        accepted--;
        child.config().setSoLinger(0);
        child.unsafe().closeForcibly();
      }
    }
    return accepted;
  }
}
