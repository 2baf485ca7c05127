package dev.ironkube.sim.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One request to a simulated API and the means to answer it, or to drop the connection unanswered
 * as a broken network would. Remembers what was answered so the request log can record it.
 */
public final class SimExchange {
  private final HttpExchange exchange;
  private final Map<String, String> query;
  private final Map<String, List<String>> queryValues;
  private byte[] body;
  private final Consumer<SimExchange> recorder;
  private int status = -1;

  /** {@code recorder} is told once, before the answer leaves, so a log never lags the client. */
  SimExchange(HttpExchange exchange, Consumer<SimExchange> recorder) {
    this.exchange = exchange;
    this.recorder = recorder;
    this.queryValues = parseQuery(exchange.getRequestURI().getRawQuery());
    this.query = new LinkedHashMap<>();
    queryValues.forEach((name, values) -> query.put(name, values.getLast()));
  }

  public String method() {
    return exchange.getRequestMethod();
  }

  public String path() {
    return exchange.getRequestURI().getPath();
  }

  public String rawQuery() {
    String raw = exchange.getRequestURI().getRawQuery();
    return raw == null ? "" : raw;
  }

  /** Decoded query parameters; a repeated name keeps its last value. */
  public Map<String, String> query() {
    return query;
  }

  public Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name));
  }

  /** Every value of a query parameter, in request order; APIs such as Cloudflare's repeat one. */
  public List<String> queryValues(String name) {
    return queryValues.getOrDefault(name, List.of());
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }

  public synchronized byte[] body() {
    if (body == null) {
      try {
        body = exchange.getRequestBody().readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return body;
  }

  /** The status answered, -1 while none, 0 when the connection was dropped. */
  public int status() {
    return status;
  }

  public boolean answered() {
    return status >= 0;
  }

  public void respond(int code, String contentType, byte[] payload) {
    status = code;
    recorder.accept(this);
    try {
      if (contentType != null) {
        exchange.getResponseHeaders().set("Content-Type", contentType);
      }
      boolean noBody = payload.length == 0 || "HEAD".equals(method());
      exchange.sendResponseHeaders(code, noBody ? -1 : payload.length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(payload);
        }
      }
    } catch (IOException e) {
      // The client went away mid-answer; what it saw is its own business.
    } finally {
      exchange.close();
    }
  }

  public void respond(int code, String contentType, String payload) {
    respond(code, contentType, payload.getBytes(StandardCharsets.UTF_8));
  }

  public void setHeader(String name, String value) {
    exchange.getResponseHeaders().set(name, value);
  }

  /**
   * Closes the connection without a status line. The JDK server closes the socket when a handler
   * finishes without having sent headers, which a client sees as a reset or an early EOF.
   */
  public void drop() {
    status = 0;
    recorder.accept(this);
    exchange.close();
  }

  private static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.computeIfAbsent(decode(name), n -> new ArrayList<>()).add(decode(value));
    }
    return params;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
