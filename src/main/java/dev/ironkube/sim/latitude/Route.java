package dev.ironkube.sim.latitude;

import java.util.List;
import java.util.function.Function;

/**
 * One method and path template of the fake, such as {@code GET /servers/{id}}. The template names
 * the fault point ({@code "latitude.GET /servers/{id}"}).
 */
record Route(String method, String template, Function<LatitudeRequest, Reply> action) {

  /** The id a path carries for this route, "" for a route without one, or null if no match. */
  String match(String method, String path) {
    if (!this.method.equals(method)) {
      return null;
    }
    List<String> want = segments(template);
    List<String> have = segments(path);
    if (want.size() != have.size()) {
      return null;
    }
    String id = "";
    for (int i = 0; i < want.size(); i++) {
      if (want.get(i).equals("{id}")) {
        id = have.get(i);
      } else if (want.get(i).startsWith("{")) {
        continue; // a second id; the route reads it from the path itself
      } else if (!want.get(i).equals(have.get(i))) {
        return null;
      }
    }
    return id;
  }

  private static List<String> segments(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/+"));
  }
}
