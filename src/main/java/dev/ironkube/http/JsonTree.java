package dev.ironkube.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON read into plain values (maps, lists, strings, {@link BigDecimal}s, booleans, nulls) with the
 * streaming parser alone, for the reads that answer a command at once. Binding a record by
 * reflection builds a deserializer per type first, and databind's first mapper costs a tenth of a
 * second before it reads a byte; a read that only lists plans or sites maps the tree explicitly
 * instead (see the providers' {@code *Json} classes). Shape errors are {@link Shape} failures,
 * which {@link JsonHttp} treats as it treats an unreadable body.
 */
public final class JsonTree {
  private JsonTree() {}

  /** A body whose JSON does not have the shape the reader expects. */
  public static final class Shape extends RuntimeException {
    public Shape(String message) {
      super(message);
    }
  }

  /** The value the whole body holds. */
  public static Object parse(byte[] body) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(body)) {
      if (p.nextToken() == null) {
        throw new Shape("empty body");
      }
      Object value = value(p);
      if (p.nextToken() != null) {
        throw new Shape("more than one JSON value");
      }
      return value;
    }
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    return switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          m.put(name, value(p));
        }
        yield m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        yield l;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDecimalValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new Shape("unexpected " + t);
    };
  }

  /** {@code value} as an object; null stays null. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Object value, String what) {
    if (value == null || value instanceof Map) {
      return (Map<String, Object>) value;
    }
    throw new Shape(what + " is not an object");
  }

  /** {@code value} as a list; null stays null. */
  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value, String what) {
    if (value == null || value instanceof List) {
      return (List<Object>) value;
    }
    throw new Shape(what + " is not a list");
  }

  /** A member that holds text; numbers and booleans are read as their text, as databind does. */
  public static String string(Map<String, Object> o, String name) {
    Object v = o == null ? null : o.get(name);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Boolean b) {
      return b.toString();
    }
    throw new Shape(name + " is not text");
  }

  /** A member that holds a number, or text that is one (databind coerces those too). */
  public static BigDecimal decimal(Map<String, Object> o, String name) {
    Object v = o == null ? null : o.get(name);
    if (v == null || v instanceof BigDecimal) {
      return (BigDecimal) v;
    }
    if (v instanceof String s && !s.isBlank()) {
      try {
        return new BigDecimal(s.strip());
      } catch (NumberFormatException e) {
        throw new Shape(name + " is not a number");
      }
    }
    throw new Shape(name + " is not a number");
  }

  public static Integer integer(Map<String, Object> o, String name) {
    BigDecimal d = decimal(o, name);
    return d == null ? null : d.intValue();
  }

  public static Double real(Map<String, Object> o, String name) {
    BigDecimal d = decimal(o, name);
    return d == null ? null : d.doubleValue();
  }

  /** A member that holds a list of texts. */
  public static List<String> strings(Map<String, Object> o, String name) {
    List<Object> l = list(o == null ? null : o.get(name), name);
    if (l == null) {
      return null;
    }
    List<String> out = new ArrayList<>(l.size());
    for (Object item : l) {
      out.add(item == null ? null : string(Map.of(name, item), name));
    }
    return out;
  }
}
