package dev.ironkube.sim.scaleway;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.http.SimExchange;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every request passes before a route sees it, in the order the gateway applies it: the secret
 * key, routing, then any armed fault. Then the route runs under the state lock and its reply is
 * written with the gateway's headers, or mangled by the fault.
 */
final class ScalewayGate {
  private static final Set<String> ROUTE_FAULTS =
      Set.of(
          "lost-response",
          "out-of-stock",
          "out-of-stock-later",
          "stuck",
          "install-failed",
          "delivery-failed",
          "stale-status");
  private static final String ENVOY_502 =
      "upstream connect error or disconnect/reset before headers. reset reason: connection failure";

  private final List<ScwRoute> routes;
  private final ScalewayOptions options;
  private final Faults faults;
  private final Object lock;
  private final ScwIds requestIds;
  private final GatewayRateLimit limit;

  ScalewayGate(
      List<ScwRoute> routes,
      ScalewayOptions options,
      Faults faults,
      GatewayRateLimit limit,
      Object lock,
      long seed) {
    this.limit = limit;
    this.routes = routes;
    this.options = options;
    this.faults = faults;
    this.lock = lock;
    this.requestIds = new ScwIds(seed ^ 0x5CA1E);
  }

  void handle(SimExchange exchange) throws InterruptedException {
    exchange.setHeader("X-Request-Id", requestIds.uuid());
    exchange.setHeader("Server", "Scaleway API Gateway (fr-par-1;edge01)");
    String key = exchange.header("X-Auth-Token").orElse("").trim();
    if (!options.secretKeys().contains(key)) {
      write(exchange, ScwJson.deniedAuthentication());
      return;
    }
    if (!limit.admit(key)) {
      rateLimited(exchange);
      return;
    }
    ScwRoute route = null;
    Map<String, String> params = null;
    for (ScwRoute candidate : routes) {
      params = candidate.match(exchange.method(), exchange.path());
      if (params != null) {
        route = candidate;
        break;
      }
    }
    if (route == null) {
      write(exchange, ScwJson.message(404, "Not Found"));
      return;
    }
    String fault =
        faults.next(ScalewayApi.API + "." + route.method() + " " + route.template()).orElse(null);
    if (fault != null && !ROUTE_FAULTS.contains(fault) && !"malformed".equals(fault)) {
      injectBeforeRoute(exchange, fault);
      return;
    }
    ScwRequest request = new ScwRequest(exchange, params, fault);
    ScwReply reply;
    synchronized (lock) {
      reply = route.action().apply(request);
    }
    if ("malformed".equals(fault) && !reply.dropped()) {
      byte[] whole =
          reply.body() == null ? "{\"message\":".getBytes(StandardCharsets.UTF_8) : bytes(reply);
      byte[] cut = Arrays.copyOf(whole, Math.max(1, whole.length / 2));
      exchange.respond(reply.status() == 204 ? 200 : reply.status(), ScwJson.CONTENT_TYPE, cut);
    } else if (reply.dropped() || "lost-response".equals(fault)) {
      exchange.drop();
    } else {
      write(exchange, reply);
    }
  }

  private void injectBeforeRoute(SimExchange exchange, String fault) throws InterruptedException {
    switch (fault) {
      case "http-500" -> write(exchange, ScwJson.message(500, "internal error"));
      case "http-502" -> exchange.respond(502, "text/plain", ENVOY_502);
      case "http-503" -> write(exchange, ScwJson.message(503, "service unavailable"));
      case "429" -> rateLimited(exchange);
      case "reset" -> exchange.drop();
      case "timeout" -> {
        Thread.sleep(options.timeoutFaultDelay());
        exchange.drop();
      }
      default ->
          exchange.respond(
              500, "text/plain; charset=utf-8", "simulator: unknown Scaleway fault kind " + fault);
    }
  }

  /** As recorded: no body, no Content-Type, no Retry-After. */
  private static void rateLimited(SimExchange exchange) {
    exchange.setHeader("X-Envoy-Ratelimited", "true");
    exchange.respond(429, null, new byte[0]);
  }

  private static void write(SimExchange exchange, ScwReply reply) {
    if (reply.body() == null) {
      exchange.respond(reply.status(), null, new byte[0]);
      return;
    }
    exchange.respond(reply.status(), ScwJson.CONTENT_TYPE, bytes(reply));
  }

  private static byte[] bytes(ScwReply reply) {
    try {
      return ScwJson.MAPPER.writeValueAsBytes(reply.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a reply", e);
    }
  }
}
