package dev.ironkube.sim.platform;

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
 * The platform's manifests over HTTP, laid out as an offline mirror is ({@code /<host>/<path>},
 * what {@code wget -x} leaves): a run that is not {@code --simulate} but pointed at the simulated
 * datacenter ({@code ironkube sim}'s exports set IRONKUBE_MANIFEST_MIRROR here) installs the full
 * platform without the internet, from the same stand-ins {@link SimManifests} gives a simulated
 * run. A file the simulator does not have answers 404, as a mirror without it would.
 */
public final class ManifestMirror implements AutoCloseable {
  private final HttpServer server;

  public ManifestMirror(Faults faults) {
    SimManifests manifests = new SimManifests(faults);
    try {
      server = SimServers.http(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the simulated manifest mirror", e);
    }
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getRawPath();
          int slash = path.indexOf('/', 1);
          if (!"GET".equals(ex.getRequestMethod()) || slash < 0) {
            answer(ex, 404, "");
            return;
          }
          URI pinned = URI.create("https://" + path.substring(1, slash) + path.substring(slash));
          String body;
          try {
            body = manifests.fetch(pinned);
          } catch (UncheckedIOException missing) {
            answer(ex, 404, "");
            return;
          }
          answer(ex, 200, body);
        });
  }

  public ManifestMirror start() {
    server.start();
    return this;
  }

  /** The mirror's base, for IRONKUBE_MANIFEST_MIRROR. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void answer(HttpExchange ex, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    try (var out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
