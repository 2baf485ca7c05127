package dev.ironkube.sim.scaleway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two JSON documents by shape: the same field names at every level and the same kind of
 * value where both are non-null. Arrays are compared by their first elements when both have one,
 * because the fake's lists are shorter than the recorded ones.
 */
final class JsonShape {
  private JsonShape() {}

  static void assertSameShape(String path, JsonNode recorded, JsonNode fake) {
    if (recorded.isNull() || fake.isNull()) {
      return;
    }
    assertThat(kind(fake)).as(path).isEqualTo(kind(recorded));
    if (recorded.isObject()) {
      assertThat(names(fake)).as(path + " fields").isEqualTo(names(recorded));
      for (String name : names(recorded)) {
        assertSameShape(path + "." + name, recorded.get(name), fake.get(name));
      }
    } else if (recorded.isArray() && !recorded.isEmpty() && !fake.isEmpty()) {
      assertSameShape(path + "[0]", recorded.get(0), fake.get(0));
    }
  }

  private static String kind(JsonNode node) {
    return node.isNumber() ? "number" : node.getNodeType().name();
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
