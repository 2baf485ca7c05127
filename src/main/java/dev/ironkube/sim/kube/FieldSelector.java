package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Field selectors ({@code spec.nodeName=node-1,status.phase!=Succeeded}), the form fabric8's
 * withField and kubectl's --field-selector send. The real server supports a few fields per kind
 * (pods: spec.nodeName, status.phase, metadata.name/namespace, ...); any dotted path is accepted
 * here, and a missing field compares as the empty string, as it does upstream.
 */
record FieldSelector(List<Term> terms) {
  record Term(String path, String value, boolean equal) {}

  static FieldSelector fromQuery(String query) {
    List<Term> terms = new ArrayList<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("fieldSelector=")) {
          String value = URLDecoder.decode(pair.substring(14), StandardCharsets.UTF_8);
          for (String term : value.split(",")) {
            int not = term.indexOf("!=");
            if (not > 0) {
              terms.add(new Term(term.substring(0, not).trim(), term.substring(not + 2), false));
              continue;
            }
            String[] kv = term.split("==?", 2);
            if (kv.length == 2) {
              terms.add(new Term(kv[0].trim(), kv[1].trim(), true));
            }
          }
        }
      }
    }
    return new FieldSelector(List.copyOf(terms));
  }

  boolean matches(JsonNode object) {
    for (Term t : terms) {
      JsonNode at = object;
      for (String part : t.path().split("\\.")) {
        at = at.path(part);
      }
      boolean same = at.asText("").equals(t.value());
      if (same != t.equal()) {
        return false;
      }
    }
    return true;
  }
}
