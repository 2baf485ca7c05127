package dev.ironkube.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 for client tests: it records every request and answers through a
 * handler the test supplies. Real sockets, so timeouts, headers and encodings behave as in
 * production.
 */
public final class FakeHttpServer implements AutoCloseable {

  /** A request as it arrived; {@code query} is decoded, in arrival order. */
  public record Recorded(
      String method,
      String path,
      String rawQuery,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      String body) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }

    public String queryParam(String name) {
      List<String> values = query.get(name);
      return values == null ? null : values.getFirst();
    }
  }

  /** What to answer; {@code delay} holds the answer back to provoke client timeouts. */
  public record Reply(int status, Map<String, String> headers, String body, Duration delay) {
    public static Reply json(int status, String body) {
      return new Reply(status, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
    }

    public static Reply empty(int status) {
      return new Reply(status, Map.of(), "", Duration.ZERO);
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Reply(status, more, body, delay);
    }

    public Reply delayedBy(Duration delay) {
      return new Reply(status, headers, body, delay);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Recorded, Reply> handler =
      r -> Reply.json(599, "{\"test\":\"no handler\"}");

  public FakeHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public FakeHttpServer answer(Function<Recorded, Reply> handler) {
    this.handler = handler;
    return this;
  }

  /** Answers with these replies in turn, then repeats the last one. */
  public FakeHttpServer answerInTurn(Reply... replies) {
    List<Reply> queue = new ArrayList<>(List.of(replies));
    return answer(
        r -> {
          synchronized (queue) {
            return queue.size() > 1 ? queue.removeFirst() : queue.getFirst();
          }
        });
  }

  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      URI uri = exchange.getRequestURI();
      Recorded recorded =
          new Recorded(
              exchange.getRequestMethod(),
              uri.getRawPath(),
              uri.getRawQuery(),
              decode(uri.getRawQuery()),
              Map.copyOf(exchange.getRequestHeaders()),
              body);
      requests.add(recorded);
      Reply reply = handler.apply(recorded);
      if (!reply.delay().isZero()) {
        try {
          Thread.sleep(reply.delay());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      boolean noBody = bytes.length == 0 || reply.status() == 204;
      exchange.sendResponseHeaders(reply.status(), noBody ? -1 : bytes.length);
      if (!noBody) {
        exchange.getResponseBody().write(bytes);
      }
    } catch (IOException | RuntimeException e) {
      // The client gave up (a timeout test); nothing to answer.
    }
  }

  static Map<String, List<String>> decode(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
