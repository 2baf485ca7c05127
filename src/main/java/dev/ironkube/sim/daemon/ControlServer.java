package dev.ironkube.sim.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ironkube.sim.http.SimServers;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The background datacenter's own endpoint, on loopback, for the commands of its home: {@code GET
 * /status} (what it holds), {@code POST /stop}, and {@code GET /resolve?name=} (the A records its
 * simulated Cloudflare publishes, which the simulated runs' name resolver asks for), and {@code
 * POST /teleport-identity} (a fresh identity from its simulated Teleport, for a run that turns it
 * on). Every request carries the token from the 0600 {@code daemon.json}, so another user on the
 * machine can neither stop it nor read it.
 */
final class ControlServer implements AutoCloseable {
  static final String STATUS = "/status";
  static final String STOP = "/stop";
  static final String RESOLVE = "/resolve";
  static final String TELEPORT_IDENTITY = "/teleport-identity";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final SimulatedDatacenter dc;
  private final String token;
  private final Runnable stop;
  private final Path identity;

  /**
   * @param identity where {@code POST /teleport-identity} writes a Teleport identity the simulated
   *     Teleport issues then (its certificates are valid for a day, and the datacenter may run for
   *     longer)
   */
  ControlServer(SimulatedDatacenter dc, String token, Path identity, Runnable stop) {
    this.dc = dc;
    this.identity = identity;
    this.token = token;
    this.stop = stop;
    try {
      server = SimServers.http(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the simulated datacenter's control port", e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** What every request must carry as its bearer token. */
  String token() {
    return token;
  }

  URI baseUri() {
    InetSocketAddress bound = server.getAddress();
    return URI.create("http://" + bound.getAddress().getHostAddress() + ":" + bound.getPort());
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      byte[] given =
          auth != null && auth.startsWith("Bearer ")
              ? auth.substring(7).getBytes(StandardCharsets.UTF_8)
              : new byte[0];
      if (!MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8))) {
        reply(ex, 401, "{\"error\":\"unauthorized\"}");
        return;
      }
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (path.equals(STATUS) && method.equals("GET")) {
        reply(ex, 200, MAPPER.writeValueAsString(DatacenterState.of(dc)));
      } else if (path.equals(RESOLVE) && method.equals("GET")) {
        String name = query(ex.getRequestURI().getRawQuery(), "name");
        List<String> found = name == null ? List.of() : dc.cloudflare().resolve(name);
        reply(ex, 200, MAPPER.writeValueAsString(found));
      } else if (path.equals(TELEPORT_IDENTITY) && method.equals("POST")) {
        Path written = dc.teleport().writeIdentityFile(identity);
        reply(ex, 200, MAPPER.writeValueAsString(written.toString()));
      } else if (path.equals(STOP) && method.equals("POST")) {
        reply(ex, 202, "{}");
        // After the answer is out: stopping closes this server too.
        Thread.ofVirtual().start(stop);
      } else {
        reply(ex, 404, "{\"error\":\"not found\"}");
      }
    }
  }

  private static String query(String raw, String name) {
    if (raw == null) {
      return null;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void reply(HttpExchange ex, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
