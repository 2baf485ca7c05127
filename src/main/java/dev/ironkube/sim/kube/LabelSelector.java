package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Equality-based label selectors ({@code a=b,c==d}), the form fabric8's withLabels sends. */
record LabelSelector(Map<String, String> required) {

  static LabelSelector fromQuery(String query) {
    Map<String, String> required = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("labelSelector=")) {
          String value = URLDecoder.decode(pair.substring(14), StandardCharsets.UTF_8);
          for (String term : value.split(",")) {
            String[] kv = term.split("==?", 2);
            if (kv.length == 2) {
              required.put(kv[0].trim(), kv[1].trim());
            }
          }
        }
      }
    }
    return new LabelSelector(required);
  }

  boolean matches(JsonNode object) {
    JsonNode labels = object.path("metadata").path("labels");
    return required.entrySet().stream()
        .allMatch(e -> labels.path(e.getKey()).asText("\u0000").equals(e.getValue()));
  }
}
