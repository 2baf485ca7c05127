package dev.ironkube.talos.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.Certificate;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** Real TLS on loopback for tests of an identity or a trust: one server, one connection. */
public final class LoopbackTls {
  private LoopbackTls() {}

  /** A server with {@code tls}'s identity; it requires a client certificate when asked to. */
  public static SSLServerSocket listen(SSLContext tls, boolean clientCertificates)
      throws IOException {
    SSLServerSocket server =
        (SSLServerSocket)
            tls.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    server.setNeedClientAuth(clientCertificates);
    return server;
  }

  /** A connection to {@code server}, not yet shaken hands. */
  public static SSLSocket connect(SSLContext tls, SSLServerSocket server) throws IOException {
    return (SSLSocket)
        tls.getSocketFactory()
            .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
  }

  /**
   * The client certificates the server saw (null when none was asked for), once one connection has
   * said one byte, which the server answers with one.
   */
  public static CompletableFuture<Certificate[]> accept(SSLServerSocket server) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (SSLSocket s = (SSLSocket) server.accept()) {
            s.getInputStream().read();
            s.getOutputStream().write(1);
            s.getOutputStream().flush();
            try {
              return s.getSession().getPeerCertificates();
            } catch (SSLPeerUnverifiedException none) {
              return null;
            }
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
