package dev.ironkube.sim.scaleway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One method and path template, such as {@code GET /baremetal/v1/zones/{zone}/servers/{server_id}};
 * the template names the fault point ({@code "scaleway.GET /baremetal/v1/zones/{zone}/servers/
 * {server_id}"}), the same string the production client uses as its endpoint name.
 */
record ScwRoute(String method, String template, Function<ScwRequest, ScwReply> action) {

  /** The path parameters by name, or null if the request does not match. */
  Map<String, String> match(String method, String path) {
    if (!this.method.equals(method)) {
      return null;
    }
    List<String> want = segments(template);
    List<String> have = segments(path);
    if (want.size() != have.size()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < want.size(); i++) {
      String w = want.get(i);
      if (w.startsWith("{") && w.endsWith("}")) {
        params.put(w.substring(1, w.length() - 1), have.get(i));
      } else if (!w.equals(have.get(i))) {
        return null;
      }
    }
    return params;
  }

  private static List<String> segments(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/+"));
  }
}
