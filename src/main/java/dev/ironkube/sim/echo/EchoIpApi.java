package dev.ironkube.sim.echo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.http.SimServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The "what is my IP" services the operator's address is detected with, as the simulated world has
 * them: {@code /ip} answers the caller's address as plain text (like checkip.amazonaws.com), {@code
 * /portal} answers an HTML page with status 200, as a captive portal or an error page in front of
 * such a service does, which a detector must not take for an address.
 *
 * <p>Fault point {@code "echo.GET /ip"}, kind {@code "unreachable"}: the connection is closed
 * without an answer, as when this machine has no route to the internet.
 */
public final class EchoIpApi implements AutoCloseable {
  private final HttpServer server;

  public static final String POINT = "echo.GET /ip";

  public EchoIpApi() {
    this(Faults.none());
  }

  public EchoIpApi(Faults faults) {
    try {
      server = SimServers.http(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the simulated IP echo service", e);
    }
    server.createContext(
        "/ip",
        ex -> {
          if (faults.next(POINT).isPresent()) {
            ex.close();
            return;
          }
          answer(ex, ex.getRemoteAddress().getAddress().getHostAddress() + "\n", "text/plain");
        });
    server.createContext(
        "/portal",
        ex -> answer(ex, "<html><body>Please sign in to the network</body></html>", "text/html"));
  }

  public EchoIpApi start() {
    server.start();
    return this;
  }

  /** The service that answers the caller's address. */
  public URI ipUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ip");
  }

  /** A service that answers HTML instead of an address. */
  public URI portalUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/portal");
  }

  private static void answer(HttpExchange ex, String body, String type) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(200, bytes.length);
    try (var out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
