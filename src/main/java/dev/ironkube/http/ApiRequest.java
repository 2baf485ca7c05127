package dev.ironkube.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call to a REST API, described by its path template so that logs and request budgets group
 * calls by endpoint rather than by resource id.
 *
 * @param method the HTTP method, upper case
 * @param pathTemplate such as {@code /servers/{id}}; each {@code {name}} is filled from {@code
 *     pathArgs} in order
 * @param query query parameters in the order they are sent (names may repeat)
 * @param body what to send: a JSON-serialisable object, a {@link RawBody}, or null for none
 * @param idempotent whether the transport may repeat the call after a retryable failure; a create
 *     whose repetition could bill twice must say false, and its caller decides what to do instead
 */
public record ApiRequest(
    String method,
    String pathTemplate,
    List<String> pathArgs,
    List<Map.Entry<String, String>> query,
    Object body,
    boolean idempotent) {

  public ApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathTemplate, "pathTemplate");
    pathArgs = List.copyOf(pathArgs);
    query = List.copyOf(query);
  }

  /** A body sent as is, for APIs that take something other than JSON (YAML, text). */
  public record RawBody(String content, String contentType) {}

  public static ApiRequest get(String pathTemplate, String... pathArgs) {
    return of("GET", pathTemplate, pathArgs);
  }

  public static ApiRequest delete(String pathTemplate, String... pathArgs) {
    return of("DELETE", pathTemplate, pathArgs);
  }

  public static ApiRequest patch(String pathTemplate, String... pathArgs) {
    return of("PATCH", pathTemplate, pathArgs);
  }

  /** A POST is not idempotent unless the caller says so with {@link #retryable()}. */
  public static ApiRequest post(String pathTemplate, String... pathArgs) {
    return new ApiRequest("POST", pathTemplate, List.of(pathArgs), List.of(), null, false);
  }

  private static ApiRequest of(String method, String pathTemplate, String... pathArgs) {
    return new ApiRequest(method, pathTemplate, List.of(pathArgs), List.of(), null, true);
  }

  public ApiRequest withQuery(String name, Object value) {
    if (value == null) {
      return this;
    }
    List<Map.Entry<String, String>> more = new ArrayList<>(query);
    more.add(Map.entry(name, String.valueOf(value)));
    return new ApiRequest(method, pathTemplate, pathArgs, more, body, idempotent);
  }

  public ApiRequest withJson(Object json) {
    return new ApiRequest(method, pathTemplate, pathArgs, query, json, idempotent);
  }

  public ApiRequest withRaw(String content, String contentType) {
    return new ApiRequest(
        method, pathTemplate, pathArgs, query, new RawBody(content, contentType), idempotent);
  }

  /** Marks a POST whose repetition is harmless (the service deduplicates it). */
  public ApiRequest retryable() {
    return new ApiRequest(method, pathTemplate, pathArgs, query, body, true);
  }

  /** Marks a call that must be sent at most once by the transport. */
  public ApiRequest notRetryable() {
    return new ApiRequest(method, pathTemplate, pathArgs, query, body, false);
  }

  /** "GET /servers/{id}": the key of request budgets and the name of a call in messages. */
  public String endpoint() {
    return method + " " + pathTemplate;
  }

  /** Whether this call counts against a read budget rather than a write budget. */
  public boolean isRead() {
    return method.equals("GET") || method.equals("HEAD");
  }
}
