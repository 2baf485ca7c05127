package dev.ironkube.sim.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The DNS records of one zone and the rules Cloudflare applies to them: exact-name filters, refusal
 * of an identical record (81058, as recorded in 2025) and of an A record beside a CNAME (81054).
 * Not thread-safe; the API serialises access.
 */
final class ZoneRecords {
  private final String zoneName;
  private final Random random;
  private final Map<String, ObjectNode> records = new LinkedHashMap<>();

  ZoneRecords(String zoneName, Random random) {
    this.zoneName = zoneName;
    this.random = random;
  }

  /** Puts back a record kept across a restart, as it was (id, times, comment and all). */
  void restore(ObjectNode record) {
    records.put(record.get("id").asText(), record.deepCopy());
  }

  List<ObjectNode> all() {
    return List.copyOf(records.values());
  }

  CfReply list(RecordFilter.Query query) {
    RecordFilter filter = RecordFilter.of(query, this::fqdn);
    int page = positive(first(query, "page"), 1);
    int perPage = positive(first(query, "per_page"), 100);
    List<ObjectNode> matching = new ArrayList<>();
    for (ObjectNode record : records.values()) {
      if (filter.test(record)) {
        matching.add(record);
      }
    }
    ArrayNode result = CfReply.JSON.createArrayNode();
    int from = (page - 1) * perPage;
    for (int i = from; i < Math.min(matching.size(), from + perPage); i++) {
      result.add(matching.get(i).deepCopy());
    }
    return CfReply.list(result, page, perPage, matching.size());
  }

  CfReply get(String id) {
    ObjectNode record = records.get(id);
    return record == null ? missing() : CfReply.ok(record.deepCopy());
  }

  CfReply create(JsonNode body, Instant now) {
    CfReply invalid = validate(body, true);
    if (invalid != null) {
      return invalid;
    }
    String type = body.get("type").asText();
    String name = fqdn(body.get("name").asText());
    String content = body.get("content").asText();
    for (ObjectNode other : records.values()) {
      if (!name.equals(other.get("name").asText())) {
        continue;
      }
      if (type.equals(other.get("type").asText())
          && content.equals(other.get("content").asText())) {
        return CfReply.error(400, 81058, "An identical record already exists.");
      }
      if ("CNAME".equals(other.get("type").asText()) != "CNAME".equals(type)) {
        return CfReply.error(
            400,
            81054,
            "A CNAME record with that host already exists. For more details, refer to"
                + " <https://developers.cloudflare.com/dns/manage-dns-records/troubleshooting/"
                + "records-with-same-name/>.");
      }
    }
    String id = newId();
    ObjectNode record = CfReply.JSON.createObjectNode();
    record.put("id", id);
    fill(record, type, name, content, body, now);
    record.put("created_on", now.toString());
    record.put("modified_on", now.toString());
    stampNotes(record, null, now);
    records.put(id, record);
    return CfReply.ok(record.deepCopy());
  }

  /** PUT overwrites every field; PATCH only those given. */
  CfReply update(String id, JsonNode body, boolean replace, Instant now) {
    ObjectNode record = records.get(id);
    if (record == null) {
      return missing();
    }
    CfReply invalid = validate(body, replace);
    if (invalid != null) {
      return invalid;
    }
    String type = body.path("type").asText(record.get("type").asText());
    String name = body.has("name") ? fqdn(body.get("name").asText()) : record.get("name").asText();
    String content = body.path("content").asText(record.get("content").asText());
    JsonNode base = replace ? body : merged(record, body);
    ObjectNode before = record.deepCopy();
    fill(record, type, name, content, base, now);
    record.put("modified_on", now.toString());
    stampNotes(record, before, now);
    return CfReply.ok(record.deepCopy());
  }

  CfReply delete(String id) {
    if (records.remove(id) == null) {
      return missing();
    }
    return CfReply.ok(CfReply.JSON.createObjectNode().put("id", id));
  }

  private void fill(
      ObjectNode record, String type, String name, String content, JsonNode body, Instant now) {
    boolean proxied = body.path("proxied").asBoolean(false);
    record.put("name", name);
    record.put("type", type);
    record.put("content", content);
    record.put("proxiable", !content.startsWith("127.") && !content.startsWith("10."));
    record.put("proxied", proxied);
    // Cloudflare forces "automatic" on proxied records.
    record.put("ttl", proxied ? 1 : body.path("ttl").asInt(1));
    record.putObject("settings");
    record.putObject("meta");
    // "to the server, there's no difference between 'no comment' and 'empty comment'"
    // (cloudflare-go v0.116.0 dns.go); an empty comment reads back as null.
    String comment = body.path("comment").isTextual() ? body.get("comment").asText() : "";
    if (comment.isEmpty()) {
      record.putNull("comment");
    } else {
      record.put("comment", comment);
    }
    record.set(
        "tags", body.path("tags").isArray() ? body.get("tags") : CfReply.JSON.createArrayNode());
  }

  /**
   * {@code comment_modified_on} and {@code tags_modified_on}: when each last changed, "omitted if
   * there is no comment" / "if there are no tags" (cloudflare-go v6.6.0 dns/record.go,
   * RecordResponse). Kept after {@code modified_on}.
   */
  private static void stampNotes(ObjectNode record, ObjectNode before, Instant now) {
    for (String field : List.of("comment", "tags")) {
      String stamp = field + "_modified_on";
      JsonNode value = record.get(field);
      boolean present = field.equals("tags") ? !value.isEmpty() : !value.isNull();
      JsonNode previous = record.remove(stamp);
      if (!present) {
        continue;
      }
      boolean changed = before == null || !value.equals(before.get(field));
      record.put(stamp, changed || previous == null ? now.toString() : previous.asText());
    }
  }

  private static JsonNode merged(ObjectNode record, JsonNode patch) {
    ObjectNode copy = record.deepCopy();
    patch.properties().forEach(e -> copy.set(e.getKey(), e.getValue()));
    return copy;
  }

  private static CfReply validate(JsonNode body, boolean whole) {
    if (body == null || !body.isObject()) {
      return CfReply.error(400, 9207, "Request body is invalid.");
    }
    if (whole && (!body.hasNonNull("type") || !body.hasNonNull("name"))) {
      return CfReply.error(400, 9000, "DNS name is invalid.");
    }
    if (whole && !body.hasNonNull("content")) {
      return CfReply.error(
          400, 9005, "Content for A record is invalid. Must be a valid IPv4 address");
    }
    if (body.has("ttl")) {
      int ttl = body.get("ttl").asInt(-1);
      if (ttl != 1 && (ttl < 60 || ttl > 86400)) {
        return CfReply.error(
            400, 9021, "Invalid TTL. Must be between 60 and 86400 seconds, or 1 for Automatic.");
      }
    }
    return null;
  }

  /** Cloudflare completes a relative name with the zone apex. */
  private String fqdn(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".")) {
      lower = lower.substring(0, lower.length() - 1);
    }
    if (lower.equals("@")) {
      return zoneName;
    }
    return lower.equals(zoneName) || lower.endsWith("." + zoneName)
        ? lower
        : lower + "." + zoneName;
  }

  private static CfReply missing() {
    return CfReply.error(404, 81044, "Record does not exist.");
  }

  private String newId() {
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      id.append(Character.forDigit(random.nextInt(16), 16));
    }
    return id.toString();
  }

  private static String first(RecordFilter.Query query, String name) {
    List<String> values = query.values(name);
    return values.isEmpty() ? null : values.getFirst();
  }

  private static int positive(String raw, int fallback) {
    try {
      int value = raw == null ? fallback : Integer.parseInt(raw);
      return value >= 1 ? value : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
