package dev.ironkube.talos.pki;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/** Dotted key paths of a YAML tree, for comparing layouts while ignoring values. */
final class KeyPaths {
  private KeyPaths() {}

  static Set<String> of(JsonNode node) {
    Set<String> out = new TreeSet<>();
    collect(node, "", out);
    return out;
  }

  private static void collect(JsonNode node, String prefix, Set<String> out) {
    node.properties()
        .forEach(
            e -> {
              String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
              out.add(path);
              if (e.getValue().isObject()) {
                collect(e.getValue(), path, out);
              }
            });
  }
}
