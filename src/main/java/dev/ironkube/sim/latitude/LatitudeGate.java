package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.http.SimExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * What every request passes before a route sees it, in the order the real service applies it:
 * routing, the API key, the per-key rate limit, then any armed fault. Then the route runs under the
 * state lock and its reply is written, or mangled by the fault.
 */
final class LatitudeGate {
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> ROUTE_FAULTS =
      Set.of("lost-response", "out-of-stock", "stuck", "failed-deployment", "stale-status");
  private static final String CLOUDFLARE_502 =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
          + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n"
          + "</body>\r\n</html>\r\n";

  private final List<Route> routes;
  private final LatitudeOptions options;
  private final RateLimiter limiter;
  private final Faults faults;
  private final Object lock;

  LatitudeGate(
      List<Route> routes,
      LatitudeOptions options,
      RateLimiter limiter,
      Faults faults,
      Object lock) {
    this.routes = routes;
    this.options = options;
    this.limiter = limiter;
    this.faults = faults;
    this.lock = lock;
  }

  void handle(SimExchange exchange) throws InterruptedException {
    String key = apiKey(exchange);
    if (key == null) {
      write(
          exchange,
          Reply.of(401, JsonApi.error("UNAUTHORIZED", "401", "Unauthorized", "Invalid token")));
      return;
    }
    Route route = null;
    String pathId = null;
    for (Route candidate : routes) {
      pathId = candidate.match(exchange.method(), exchange.path());
      if (pathId != null) {
        route = candidate;
        break;
      }
    }
    boolean write = WRITES.contains(exchange.method());
    OptionalLong retryAfter = limiter.acquire(key, write);
    if (retryAfter.isPresent()) {
      write(exchange, Reply.of(429, JsonApi.rateLimited(retryAfter.getAsLong())));
      return;
    }
    if (route == null) {
      write(exchange, JsonApi.notFound());
      return;
    }
    String point = API_PREFIX + route.method() + " " + route.template();
    String fault = faults.next(point).orElse(null);
    String hostname = "POST".equals(route.method()) ? orderedHostname(exchange) : null;
    if (fault == null && hostname != null) {
      fault = faults.next(point + "@" + hostname).orElse(null);
    }
    if (fault != null && !ROUTE_FAULTS.contains(fault) && !"malformed".equals(fault)) {
      injectBeforeRoute(exchange, fault);
      return;
    }
    LatitudeRequest request = new LatitudeRequest(exchange, route.template(), pathId, fault);
    Reply reply;
    synchronized (lock) {
      reply = route.action().apply(request);
    }
    if ("malformed".equals(fault)) {
      writeMalformed(exchange, reply);
    } else if (reply.dropped() || "lost-response".equals(fault)) {
      exchange.drop();
    } else {
      write(exchange, reply);
    }
  }

  private static final String API_PREFIX = LatitudeApi.API + ".";

  private void injectBeforeRoute(SimExchange exchange, String fault) throws InterruptedException {
    switch (fault) {
      case "http-500" ->
          write(
              exchange,
              Reply.of(
                  500,
                  JsonApi.error(
                      "INTERNAL_SERVER_ERROR",
                      "500",
                      "Internal Server Error",
                      "We're sorry, but something went wrong.")));
      case "http-502" -> exchange.respond(502, "text/html", CLOUDFLARE_502);
      case "429" -> write(exchange, Reply.of(429, JsonApi.rateLimited(limiter.windowSeconds())));
      case "429-no-hint" -> write(exchange, Reply.of(429, JsonApi.rateLimited(null)));
      case "reset" -> exchange.drop();
      case "timeout" -> {
        Thread.sleep(options.timeoutFaultDelay());
        exchange.drop();
      }
      default ->
          exchange.respond(
              500, "text/plain; charset=utf-8", "simulator: unknown Latitude fault kind " + fault);
    }
  }

  /** The hostname a {@code POST /servers} asks for, so that a fault can be aimed at one server. */
  private static String orderedHostname(SimExchange exchange) {
    if (!exchange.path().replaceAll("/+$", "").endsWith("/servers")) {
      return null;
    }
    try {
      byte[] body = exchange.body();
      JsonNode attributes =
          body.length == 0 ? null : JsonApi.MAPPER.readTree(body).path("data").path("attributes");
      JsonNode hostname = attributes == null ? null : attributes.get("hostname");
      return hostname != null && hostname.isTextual() ? hostname.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private String apiKey(SimExchange exchange) {
    String header = exchange.header("Authorization").orElse("").trim();
    String key =
        header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : header;
    return options.apiKeys().contains(key) ? key : null;
  }

  private static void write(SimExchange exchange, Reply reply) {
    // Real answers carry one; clients are told to log it.
    exchange.setHeader("X-Request-Id", UUID.randomUUID().toString());
    if (reply.body() == null) {
      exchange.respond(reply.status(), null, new byte[0]);
      return;
    }
    exchange.respond(reply.status(), JsonApi.CONTENT_TYPE, bytes(reply));
  }

  /** Cuts the body in the middle of a token, as a connection torn mid-answer would. */
  private static void writeMalformed(SimExchange exchange, Reply reply) {
    if (reply.dropped()) {
      exchange.drop();
      return;
    }
    byte[] whole =
        reply.body() == null ? "{\"data\":".getBytes(StandardCharsets.UTF_8) : bytes(reply);
    byte[] cut = new byte[Math.max(1, whole.length / 2)];
    System.arraycopy(whole, 0, cut, 0, cut.length);
    int status = reply.status() == 204 ? 200 : reply.status();
    exchange.respond(status, JsonApi.CONTENT_TYPE, cut);
  }

  private static byte[] bytes(Reply reply) {
    try {
      return JsonApi.MAPPER.writeValueAsBytes(reply.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a reply", e);
    }
  }
}
