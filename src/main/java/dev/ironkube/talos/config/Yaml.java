package dev.ironkube.talos.config;

import java.util.LinkedHashMap;

/**
 * An ordered YAML mapping under construction: key order is the order Talos' own generator writes,
 * which keeps renderings diffable against upstream samples.
 */
final class Yaml extends LinkedHashMap<String, Object> {
  static Yaml map() {
    return new Yaml();
  }

  Yaml with(String key, Object value) {
    put(key, value);
    return this;
  }

  Yaml withIf(boolean condition, String key, Object value) {
    if (condition) {
      put(key, value);
    }
    return this;
  }
}
