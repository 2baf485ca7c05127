package dev.ironkube.sim.factory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The block YAML Go's yaml.v3 writes: 4-space indent, sequences indented under their key, empty
 * mappings as {@code {}}, plain scalars where unambiguous and double quotes otherwise. Known fields
 * come in struct order; unknown map keys (overlay options) in their given order.
 */
final class CanonicalYaml {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_./][A-Za-z0-9_./=:,-]*");
  private static final String INDENT = "    ";

  private CanonicalYaml() {}

  static void mapping(
      StringBuilder out, JsonNode map, String path, Map<String, List<String>> order) {
    for (String key : keys(map, path, order)) {
      JsonNode value = map.get(key);
      if (value == null || value.isNull()) {
        continue;
      }
      String childPath = path.isEmpty() ? key : path + "." + key;
      String indent = INDENT.repeat(depth(path));
      out.append(indent).append(key).append(':');
      if (value.isObject() && value.isEmpty()) {
        out.append(" {}\n");
      } else if (value.isObject()) {
        out.append('\n');
        mapping(out, value, childPath, order);
      } else if (value.isArray() && value.isEmpty()) {
        out.append(" []\n");
      } else if (value.isArray()) {
        out.append('\n');
        sequence(out, value, depth(path) + 1);
      } else {
        out.append(' ').append(scalar(value)).append('\n');
      }
    }
  }

  private static void sequence(StringBuilder out, JsonNode items, int depth) {
    for (JsonNode item : items) {
      out.append(INDENT.repeat(depth)).append("- ");
      if (item.isObject()) {
        StringBuilder nested = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
        boolean first = true;
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          if (!first) {
            nested.append(INDENT.repeat(depth)).append("  ");
          }
          nested.append(field.getKey()).append(": ").append(scalar(field.getValue())).append('\n');
          first = false;
        }
        out.append(nested);
      } else {
        out.append(scalar(item)).append('\n');
      }
    }
  }

  private static String scalar(JsonNode value) {
    if (value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    String text = value.asText();
    boolean ambiguous =
        text.matches("(?i)true|false|yes|no|on|off|null|~") || text.matches("[-+]?[0-9.]+");
    if (PLAIN.matcher(text).matches() && !ambiguous) {
      return text;
    }
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }

  private static List<String> keys(JsonNode map, String path, Map<String, List<String>> order) {
    List<String> known = order.getOrDefault(path, List.of());
    List<String> keys = new ArrayList<>();
    for (String name : known) {
      if (map.has(name)) {
        keys.add(name);
      }
    }
    map.fieldNames()
        .forEachRemaining(
            n -> {
              if (!keys.contains(n)) {
                keys.add(n);
              }
            });
    return keys;
  }

  private static int depth(String path) {
    return path.isEmpty() ? 0 : path.split("\\.").length;
  }
}
