package dev.ironkube.sim.talos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The relay in front of a listener that cannot filter: bytes both ways, nothing held back. */
class FirewalledPortTest {
  @Test
  void anAdmittedConnectionIsRelayedBothWaysUntilEitherSideCloses() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket backend = new ServerSocket(0, 1, loopback);
        NodeIngress ingress = new NodeIngress("test");
        FirewalledPort port =
            new FirewalledPort(
                loopback,
                0,
                6443,
                new InetSocketAddress(loopback, backend.getLocalPort()),
                ingress)) {
      CompletableFuture<String> served =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket s = backend.accept()) {
                  byte[] asked = s.getInputStream().readNBytes(5);
                  OutputStream out = s.getOutputStream();
                  // An answer in two writes, as a TLS server sends a response's records.
                  out.write("hel".getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  out.write("lo".getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  return new String(asked, StandardCharsets.US_ASCII);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      try (Socket client = new Socket(loopback, port.port())) {
        client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
        InputStream in = client.getInputStream();
        assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(in.read()).as("the backend closed: end of stream").isEqualTo(-1);
      }
      assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
    }
  }

  @Test
  void eachLegSendsWithoutNaglesDelay() throws Exception {
    try (Socket leg = new Socket()) {
      assertThat(FirewalledPort.withoutNagle(leg).getTcpNoDelay()).isTrue();
    }
  }
}
