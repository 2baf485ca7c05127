package dev.ironkube.sim.http;

import com.sun.net.httpserver.HttpServer;
import dev.ironkube.sim.RequestLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain-HTTP server on 127.0.0.1 with an ephemeral port for one simulated API. Every request is
 * handled on its own virtual thread, so a fault that stalls one answer stalls nothing else, and is
 * recorded in the shared request log once answered or dropped.
 */
public final class SimHttpServer implements AutoCloseable {

  /** What a simulated API does with one request. */
  @FunctionalInterface
  public interface Handler {
    void handle(SimExchange exchange) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final String api;

  public SimHttpServer(String api, RequestLog log, Handler handler) {
    this(api, log, handler, 0);
  }

  /**
   * As above on {@code preferredPort} when it is free (0: any), else on an ephemeral one: a
   * datacenter started again serves where the one before it did when it can.
   */
  public SimHttpServer(String api, RequestLog log, Handler handler, int preferredPort) {
    this.api = api;
    server = bind(api, preferredPort);
    server.setExecutor(executor);
    server.createContext(
        "/",
        raw -> {
          SimExchange exchange =
              new SimExchange(
                  raw,
                  answered ->
                      log.add(
                          new RequestLog.Entry(
                              api,
                              answered.method(),
                              answered.path(),
                              answered.rawQuery(),
                              answered.status())));
          try {
            handler.handle(exchange);
          } catch (Exception | AssertionError e) {
            if (!exchange.answered()) {
              exchange.respond(500, "text/plain; charset=utf-8", "simulator bug: " + e);
            }
          } finally {
            if (!exchange.answered()) {
              exchange.drop();
            }
          }
        });
  }

  private static HttpServer bind(String api, int preferredPort) {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    if (preferredPort > 0) {
      try {
        return SimServers.http(new InetSocketAddress(loopback, preferredPort), 64);
      } catch (IOException taken) {
        // another process holds it now: any port will do
      }
    }
    try {
      return SimServers.http(new InetSocketAddress(loopback, 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the simulated " + api + " API", e);
    }
  }

  public SimHttpServer start() {
    server.start();
    return this;
  }

  /** The base URL, such as {@code http://127.0.0.1:40123}. */
  public URI baseUri() {
    InetSocketAddress bound = server.getAddress();
    return URI.create("http://" + bound.getAddress().getHostAddress() + ":" + bound.getPort());
  }

  public String api() {
    return api;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
