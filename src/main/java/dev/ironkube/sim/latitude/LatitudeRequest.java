package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.sim.http.SimExchange;
import java.io.IOException;
import java.util.Map;

/**
 * One routed request: the path template it matched ("/servers/{id}"), the id in the path, and the
 * route-specific fault armed for it, if any ("lost-response", "stale-status", …).
 */
record LatitudeRequest(SimExchange exchange, String template, String pathId, String fault) {

  Map<String, String> query() {
    return exchange.query();
  }

  /** The last segment of the path: a second id, as in {@code /firewalls/{id}/assignments/{a}}. */
  String lastSegment() {
    String path = exchange.path().replaceAll("/+$", "");
    return path.substring(path.lastIndexOf('/') + 1);
  }

  String filter(String name) {
    return exchange.query().get("filter[" + name + "]");
  }

  /** The request body as JSON, or null when it is not JSON. */
  JsonNode json() {
    try {
      byte[] body = exchange.body();
      return body.length == 0 ? JsonApi.object() : JsonApi.MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  boolean faulted(String kind) {
    return kind.equals(fault);
  }
}
