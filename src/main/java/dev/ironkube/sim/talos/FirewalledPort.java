package dev.ironkube.sim.talos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * A published TCP port with the node's firewall in front of a listener that cannot filter by itself
 * (the JDK HTTPS server behind 6443). Admitted connections are relayed byte for byte to the
 * backend; refused ones are held silent, as {@link FirewalledServerChannel} explains. Only the
 * published port is guarded: the backend's own ephemeral port stays reachable, which no product
 * code ever dials.
 */
final class FirewalledPort implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress backend;
  private final NodeIngress ingress;
  private final int rulePort;

  FirewalledPort(
      InetAddress address, int port, int rulePort, InetSocketAddress backend, NodeIngress ingress)
      throws IOException {
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(address, port), 64);
    this.backend = backend;
    this.ingress = ingress;
    this.rulePort = rulePort;
    Thread.ofVirtual()
        .name("firewall-" + address.getHostAddress() + ":" + port)
        .start(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (ingress.admits(client.getInetAddress(), rulePort)) {
          Thread.ofVirtual().start(() -> relay(client));
        } else {
          // A drop: never read, so the client's handshake goes unanswered until its deadline.
          ingress.blackhole(() -> closeQuietly(client));
        }
      } catch (IOException e) {
        if (listener.isClosed()) {
          return;
        }
      }
    }
  }

  /**
   * Both legs without Nagle's algorithm: a filter adds no latency, but a relay does when it writes
   * what it read as it came, a TLS record at a time. With Nagle on, the second record of an answer
   * (or of a request) waited for the first's ACK, which the receiver delays up to 40 ms, so every
   * call through 6443 took tens of milliseconds (a platform install's creates 47 ms each) where the
   * real API server answers at once (Go sets TCP_NODELAY on every connection).
   */
  private void relay(Socket client) {
    try (client;
        Socket server = new Socket()) {
      withoutNagle(client);
      withoutNagle(server);
      server.connect(backend, 2_000);
      Thread up = Thread.ofVirtual().start(() -> pump(client, server));
      pump(server, client);
      up.join();
    } catch (IOException e) {
      // The backend went away (node stopping); the client sees its connection close.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A leg of the relay sends what it was given at once (see {@link #relay}). */
  static Socket withoutNagle(Socket leg) throws SocketException {
    leg.setTcpNoDelay(true);
    return leg;
  }

  /** Copies one direction, then half-closes so TLS close_notify and EOF travel as they would. */
  private static void pump(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      in.transferTo(out);
      to.shutdownOutput();
    } catch (SocketException e) {
      closeQuietly(to);
    } catch (IOException e) {
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed by the other direction
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing a listener twice is harmless
    }
  }
}
