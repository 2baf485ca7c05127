package dev.ironkube.dns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A taken-over record as it was, in the journal: every field a restore writes back (id, type, name,
 * content, TTL, proxying, comment), as one JSON value.
 */
final class PreviousRecord {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PreviousRecord() {}

  static String encode(DnsRecord r) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", r.id())
        .put("type", r.type())
        .put("name", r.name())
        .put("content", r.content())
        .put("ttl", r.ttlSeconds())
        .put("proxied", r.proxied());
    if (r.comment() == null) {
      node.putNull("comment");
    } else {
      node.put("comment", r.comment());
    }
    return node.toString();
  }

  static DnsRecord decode(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return new DnsRecord(
          n.path("id").asText(),
          n.path("type").asText("A"),
          n.path("name").asText(),
          n.path("content").asText(),
          n.path("ttl").asInt(1),
          n.path("proxied").asBoolean(false),
          n.path("comment").isNull() ? null : n.path("comment").asText());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a journaled DNS record is not JSON", e);
    }
  }
}
