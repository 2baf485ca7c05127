package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The JSON:API envelopes and error bodies Latitude answers with, in the shapes of the recorded
 * traffic: {@code {"data":…,"meta":{}}}, lists without {@code links}, errors as {@code
 * {"errors":[{code,status,title,detail,meta}]}}.
 */
final class JsonApi {
  static final String CONTENT_TYPE = "application/vnd.api+json; charset=utf-8";
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private JsonApi() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static String now() {
    return OffsetDateTime.now(ZoneOffset.UTC).format(TIMESTAMP);
  }

  static ObjectNode resource(String id, String type, ObjectNode attributes) {
    ObjectNode data = object();
    data.put("id", id);
    data.put("type", type);
    data.set("attributes", attributes);
    return data;
  }

  static ObjectNode single(JsonNode data) {
    ObjectNode doc = object();
    doc.set("data", data);
    doc.set("meta", object());
    return doc;
  }

  static ObjectNode list(List<? extends JsonNode> items) {
    ObjectNode doc = object();
    ArrayNode data = doc.putArray("data");
    items.forEach(data::add);
    doc.set("meta", object());
    return doc;
  }

  static ObjectNode error(String code, String status, String title, String detail) {
    ObjectNode error = object();
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    error.put("status", status);
    error.put("title", title);
    error.put("detail", detail);
    error.set("meta", object());
    ObjectNode doc = object();
    doc.putArray("errors").add(error);
    return doc;
  }

  static Reply notFound() {
    return Reply.of(404, error("not_found", "404", "Error", "Specified Record Not Found"));
  }

  /** The reported 422 for a missing required attribute, with a pointer to it. */
  static Reply mustBeFilled(String attribute) {
    ObjectNode doc = error("VALIDATION_ERROR", "422", "Validation Error", "must be filled");
    ((ObjectNode) doc.get("errors").get(0))
        .putObject("source")
        .put("pointer", "/data/attributes/" + attribute);
    return Reply.of(422, doc);
  }

  static Reply invalid(String attribute, String detail) {
    ObjectNode doc = error("VALIDATION_ERROR", "422", "Validation Error", detail);
    ((ObjectNode) doc.get("errors").get(0))
        .putObject("source")
        .put("pointer", "/data/attributes/" + attribute);
    return Reply.of(422, doc);
  }

  /** The 429 body exactly as Latitude documents it. */
  static ObjectNode rateLimited(Long retryAfterSeconds) {
    ObjectNode doc =
        error(
            "RATE_LIMIT_EXCEEDED",
            "429",
            "Rate Limit Exceeded",
            "Too many requests. Please slow down and retry.");
    ObjectNode meta = (ObjectNode) doc.get("errors").get(0).get("meta");
    if (retryAfterSeconds != null) {
      meta.put("retry_after", retryAfterSeconds);
    }
    return doc;
  }

  /** The attributes object of a request body {@code {"data":{"attributes":{…}}}}, or empty. */
  static ObjectNode attributes(JsonNode requestBody) {
    JsonNode attributes = requestBody.path("data").path("attributes");
    return attributes.isObject() ? (ObjectNode) attributes : object();
  }

  /** A string attribute, or null when absent, null or blank ("must be filled"). */
  static String text(ObjectNode attributes, String name) {
    JsonNode value = attributes.get(name);
    if (value == null || value.isNull() || !value.isValueNode()) {
      return null;
    }
    String text = value.asText();
    return text.isBlank() ? null : text;
  }
}
