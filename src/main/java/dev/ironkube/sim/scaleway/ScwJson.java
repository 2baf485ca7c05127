package dev.ironkube.sim.scaleway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;

/** Scaleway's JSON shapes that every route shares: lists, money, timestamps and error bodies. */
final class ScwJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String CONTENT_TYPE = "application/json";
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private ScwJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array(Collection<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  /** {@code {"<name>":[...],"total_count":N}}. */
  static ObjectNode list(String name, List<? extends JsonNode> page, long total) {
    ObjectNode list = object();
    list.putArray(name).addAll(page);
    list.put("total_count", total);
    return list;
  }

  static ObjectNode money(long units, long nanos) {
    ObjectNode money = object();
    money.put("currency_code", "EUR");
    money.put("nanos", nanos);
    money.put("units", units);
    return money;
  }

  /** RFC 3339 with microseconds, as every recorded timestamp. */
  static String now() {
    return MICROS.format(Instant.now().truncatedTo(ChronoUnit.MICROS));
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Baremetal's untyped 404. */
  static ScwReply baremetalNotFound() {
    ObjectNode body = object();
    body.put("message", "Not Found");
    return ScwReply.of(404, body);
  }

  /** IAM's typed 404. */
  static ScwReply iamNotFound(String resource, String id) {
    ObjectNode body = object();
    body.put("message", "resource is not found");
    body.put("resource", resource);
    body.put("resource_id", id);
    body.put("type", "not_found");
    return ScwReply.of(404, body);
  }

  static ScwReply invalid(String argument, String reason, String help) {
    ObjectNode body = object();
    ObjectNode detail = body.putArray("details").addObject();
    detail.put("argument_name", argument);
    detail.put("help_message", help);
    detail.put("reason", reason);
    body.put("message", "invalid argument(s)");
    body.put("type", "invalid_arguments");
    return ScwReply.of(400, body);
  }

  static ScwReply message(int status, String message) {
    ObjectNode body = object();
    body.put("message", message);
    return ScwReply.of(status, body);
  }

  static ScwReply permissionDenied(String resource, String action) {
    ObjectNode body = object();
    ObjectNode detail = body.putArray("details").addObject();
    detail.put("action", action);
    detail.put("resource", resource);
    body.put("message", "insufficient permissions");
    body.put("type", "permissions_denied");
    return ScwReply.of(403, body);
  }

  static ScwReply deniedAuthentication() {
    ObjectNode body = object();
    body.put("message", "authentication is denied");
    body.put("method", "api_key");
    body.put("reason", "invalid_argument");
    body.put("type", "denied_authentication");
    return ScwReply.of(401, body);
  }

  static ScwReply outOfStock() {
    ObjectNode body = object();
    body.put("message", "resource is out of stock");
    body.put("resource", "offer");
    body.put("type", "out_of_stock");
    return ScwReply.of(409, body);
  }
}
