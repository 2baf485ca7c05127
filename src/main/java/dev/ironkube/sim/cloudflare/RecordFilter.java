package dev.ironkube.sim.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The search parameters of {@code GET /zones/{zone_id}/dns_records}, as cloudflare-go v6.6.0 {@code
 * dns/record.go} ({@code RecordListParams}) and the API reference describe them: {@code type},
 * {@code proxied}; {@code name}, {@code content} and {@code comment} (aliases of their {@code
 * .exact}) with {@code .exact|.contains|.startswith|.endswith}, and for comments {@code
 * .present|.absent}; {@code tag} ({@code name:value} means {@code tag.exact}, a bare name means
 * {@code tag.present}), repeatable, and {@code tag.exact|.contains|.startswith|.endswith|.present|
 * .absent}. Every text filter is case-insensitive. Tag conditions are combined by {@code tag_match}
 * and the result, with the other conditions, by {@code match} ({@code all} by default, {@code any}
 * for OR). An unknown parameter is ignored, as {@code search} (for humans, unspecified) is here.
 */
final class RecordFilter implements Predicate<JsonNode> {
  private static final List<String> TEXT_OPS =
      List.of("exact", "contains", "startswith", "endswith");

  /** A parameter lookup: every value given for a name. */
  interface Query {
    List<String> values(String name);
  }

  private final List<Predicate<JsonNode>> conditions = new ArrayList<>();
  private final List<Predicate<JsonNode>> tagConditions = new ArrayList<>();
  private final boolean matchAny;
  private final boolean tagMatchAny;

  private RecordFilter(boolean matchAny, boolean tagMatchAny) {
    this.matchAny = matchAny;
    this.tagMatchAny = tagMatchAny;
  }

  /** {@code fqdn} completes a {@code name} the way the zone stores it. */
  static RecordFilter of(Query query, Function<String, String> fqdn) {
    RecordFilter filter =
        new RecordFilter(
            "any".equals(first(query, "match")), "any".equals(first(query, "tag_match")));
    String type = first(query, "type");
    if (type != null) {
      filter.conditions.add(r -> type.equals(r.path("type").asText()));
    }
    String proxied = first(query, "proxied");
    if (proxied != null) {
      boolean wanted = Boolean.parseBoolean(proxied);
      filter.conditions.add(r -> r.path("proxied").asBoolean(false) == wanted);
    }
    String name = first(query, "name");
    if (name != null) {
      filter.conditions.add(text("name", "exact", fqdn.apply(name)));
    }
    String content = first(query, "content");
    if (content != null) {
      filter.conditions.add(text("content", "exact", content));
    }
    filter.textFilters(query, "name");
    filter.textFilters(query, "content");
    filter.textFilters(query, "comment");
    String comment = first(query, "comment");
    if (comment != null) {
      filter.conditions.add(text("comment", "exact", comment));
    }
    if (first(query, "comment.present") != null) {
      filter.conditions.add(r -> hasComment(r));
    }
    if (first(query, "comment.absent") != null) {
      filter.conditions.add(r -> !hasComment(r));
    }
    for (String tag : query.values("tag")) {
      filter.tagConditions.add(tag.contains(":") ? tag("exact", tag) : tagPresent(tag));
    }
    for (String op : TEXT_OPS) {
      for (String tag : query.values("tag." + op)) {
        filter.tagConditions.add(tag(op, tag));
      }
    }
    query.values("tag.present").forEach(t -> filter.tagConditions.add(tagPresent(t)));
    query.values("tag.absent").forEach(t -> filter.tagConditions.add(tagPresent(t).negate()));
    return filter;
  }

  @Override
  public boolean test(JsonNode record) {
    List<Predicate<JsonNode>> all = new ArrayList<>(conditions);
    if (!tagConditions.isEmpty()) {
      all.add(
          r ->
              tagMatchAny
                  ? tagConditions.stream().anyMatch(c -> c.test(r))
                  : tagConditions.stream().allMatch(c -> c.test(r)));
    }
    if (all.isEmpty()) {
      return true;
    }
    return matchAny
        ? all.stream().anyMatch(c -> c.test(record))
        : all.stream().allMatch(c -> c.test(record));
  }

  private void textFilters(Query query, String field) {
    for (String op : TEXT_OPS) {
      for (String value : query.values(field + "." + op)) {
        conditions.add(text(field, op, value));
      }
    }
  }

  private static Predicate<JsonNode> text(String field, String op, String wanted) {
    return r -> {
      JsonNode value = r.get(field);
      return value != null && !value.isNull() && compare(op, value.asText(), wanted);
    };
  }

  /** {@code name:value}: a tag named {@code name} whose value satisfies {@code op}. */
  private static Predicate<JsonNode> tag(String op, String nameValue) {
    int colon = nameValue.indexOf(':');
    String name = colon < 0 ? nameValue : nameValue.substring(0, colon);
    String value = colon < 0 ? "" : nameValue.substring(colon + 1);
    return r -> {
      for (JsonNode tag : r.path("tags")) {
        String[] parts = split(tag.asText());
        if (parts[0].equalsIgnoreCase(name) && compare(op, parts[1], value)) {
          return true;
        }
      }
      return false;
    };
  }

  private static Predicate<JsonNode> tagPresent(String name) {
    return r -> {
      for (JsonNode tag : r.path("tags")) {
        if (split(tag.asText())[0].equalsIgnoreCase(name)) {
          return true;
        }
      }
      return false;
    };
  }

  /** A stored tag is {@code name:value} or a bare {@code name} (value empty). */
  private static String[] split(String tag) {
    int colon = tag.indexOf(':');
    return colon < 0
        ? new String[] {tag, ""}
        : new String[] {tag.substring(0, colon), tag.substring(colon + 1)};
  }

  private static boolean compare(String op, String actual, String wanted) {
    String a = actual.toLowerCase(Locale.ROOT);
    String w = wanted.toLowerCase(Locale.ROOT);
    return switch (op) {
      case "exact" -> a.equals(w);
      case "contains" -> a.contains(w);
      case "startswith" -> a.startsWith(w);
      case "endswith" -> a.endsWith(w);
      default -> throw new IllegalArgumentException(op);
    };
  }

  private static boolean hasComment(JsonNode record) {
    JsonNode comment = record.get("comment");
    return comment != null && !comment.isNull() && !comment.asText().isEmpty();
  }

  private static String first(Query query, String name) {
    List<String> values = query.values(name);
    return values.isEmpty() ? null : values.getFirst();
  }
}
