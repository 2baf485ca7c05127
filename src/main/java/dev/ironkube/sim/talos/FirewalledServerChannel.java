package dev.ironkube.sim.talos;

import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * apid's listening socket with the node's ingress firewall in front. nftables drops a refused SYN,
 * so the client hears nothing until its own timeout. A userland listener cannot drop a SYN; the
 * closest it can do is accept and then stay silent: the refused connection goes to {@link
 * NodeIngress#blackhole} and is never read, so the client's TLS handshake gets no answer and its
 * deadline ends the attempt, as with a real drop. (Resetting instead would surface as a failed TLS
 * handshake, which clients rightly read as a certificate problem.) Connections already established
 * stay up, as conntrack keeps them in Talos' block mode.
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
      // The port the rules are written for, not the ephemeral one a test may have been given.
      if (remote == null || !ingress.admits(remote.getAddress(), port)) {
        buf.remove(i);
        accepted--;
        ingress.blackhole(() -> child.unsafe().closeForcibly());
      }
    }
    return accepted;
  }
}
