package dev.ironkube.sim.scaleway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.sim.http.SimExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request as a route sees it: path parameters, the query (names may repeat, as {@code tags}
 * does), the JSON body and the fault armed for it, if any.
 */
final class ScwRequest {
  private final SimExchange exchange;
  private final Map<String, String> params;
  private final String fault;

  ScwRequest(SimExchange exchange, Map<String, String> params, String fault) {
    this.exchange = exchange;
    this.params = params;
    this.fault = fault;
  }

  String param(String name) {
    return params.get(name);
  }

  String query(String name) {
    List<String> all = queryAll(name);
    return all.isEmpty() ? null : all.getLast();
  }

  List<String> queryAll(String name) {
    List<String> values = new ArrayList<>();
    String raw = exchange.rawQuery();
    if (raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (key.equals(name)) {
        values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return values;
  }

  /** The body as JSON, or null when it is absent or not JSON. */
  JsonNode json() {
    byte[] body = exchange.body();
    if (body.length == 0) {
      return null;
    }
    try {
      return ScwJson.MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  boolean faulted(String kind) {
    return kind.equals(fault);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
