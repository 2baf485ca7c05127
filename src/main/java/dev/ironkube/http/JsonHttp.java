package dev.ironkube.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.time.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * JSON over HTTP for every REST client of the project: one place for base URI, auth headers,
 * timeouts, the request log, error decoding and retries by failure class. Clients describe calls as
 * {@link ApiRequest}s and get typed values or a {@link RemoteServiceException}. Thread-safe.
 * Closing it stops the HTTP client it made (not one it was given).
 */
public final class JsonHttp implements AutoCloseable {
  private final HttpTransportSettings settings;
  private final String base;

  JsonHttp(HttpTransportSettings settings) {
    this.settings = settings;
    String uri = settings.baseUri().toString();
    this.base = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  public static JsonHttpBuilder builder(String service, URI baseUri) {
    return new JsonHttpBuilder(service, baseUri);
  }

  /** Lenient on input (unknown fields are ignored), terse on output (nulls are left out). */
  public static ObjectMapper defaultMapper() {
    return new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
  }

  public String service() {
    return settings.service();
  }

  public ObjectMapper mapper() {
    return settings.mapper().get();
  }

  /**
   * Sends a read whose answer {@code decode} maps from the plain JSON tree ({@link JsonTree}),
   * without databind; a body of another shape is treated as one that is not JSON.
   */
  public <T> T send(ApiRequest request, Function<Object, T> decode) {
    return withRetries(request, response -> readTree(request, response, decode));
  }

  public <T> T send(ApiRequest request, Class<T> type) {
    return send(request, mapper().constructType(type));
  }

  public <T> T send(ApiRequest request, TypeReference<T> type) {
    return send(request, mapper().constructType(type));
  }

  /** Sends a call whose response body does not matter (deletes, actions). */
  public ApiResponse execute(ApiRequest request) {
    return withRetries(request, response -> response);
  }

  private <T> T send(ApiRequest request, JavaType type) {
    return withRetries(request, response -> read(request, response, type));
  }

  private <T> T read(ApiRequest request, ApiResponse response, JavaType type) {
    requireBody(request, response);
    try {
      return mapper().readValue(response.body(), type);
    } catch (IOException e) {
      throw notJson(request, e);
    }
  }

  private <T> T readTree(ApiRequest request, ApiResponse response, Function<Object, T> decode) {
    requireBody(request, response);
    try {
      return decode.apply(JsonTree.parse(response.body()));
    } catch (IOException | JsonTree.Shape e) {
      throw notJson(request, e);
    }
  }

  private void requireBody(ApiRequest request, ApiResponse response) {
    if (!response.hasBody()) {
      throw new RemoteServiceException.Transient(
          service(), service() + " answered " + request.endpoint() + " with an empty body", null);
    }
  }

  /** Proxies and overloaded gateways answer HTML with a 200 now and then; another try helps. */
  private RemoteServiceException notJson(ApiRequest request, Exception e) {
    return new RemoteServiceException.Transient(
        service(),
        service()
            + " answered "
            + request.endpoint()
            + " with a body that is not the expected JSON",
        e);
  }

  private <T> T withRetries(ApiRequest request, Function<ApiResponse, T> reader) {
    RetryPolicy policy = settings.retryPolicy();
    Instant start = settings.clock().instant();
    for (int attempt = 1; ; attempt++) {
      try {
        return reader.apply(attempt(request, attempt));
      } catch (RemoteServiceException failure) {
        // A 429 is refused before anything is done, so even a create may be sent again; any other
        // failure of a create may hide one that went through, and is the caller's to resolve.
        boolean safe =
            request.idempotent() || failure instanceof RemoteServiceException.RateLimited;
        if (!safe
            || !failure.retryable()
            || attempt >= policy.maxAttempts()
            || Thread.currentThread().isInterrupted()) {
          throw failure;
        }
        Duration wait = policy.delay(attempt, failure, settings.random());
        Duration spent = Duration.between(start, settings.clock().instant());
        if (spent.plus(wait).compareTo(policy.maxElapsed()) > 0) {
          throw failure;
        }
        try {
          settings.sleeper().sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw failure;
        }
      }
    }
  }

  private ApiResponse attempt(ApiRequest request, int attempt) {
    Map<String, String> headers = new LinkedHashMap<>(settings.headers().get());
    HttpRequest.BodyPublisher body = body(request, headers);
    headers.putIfAbsent("Accept", "application/json");
    String path = expand(request);
    String query = encodeQuery(request);
    HttpRequest.Builder http =
        HttpRequest.newBuilder(URI.create(base + path + query))
            .timeout(settings.timeout())
            .method(request.method(), body);
    headers.forEach(http::header);

    Instant started = settings.clock().instant();
    int status = 0;
    String requestId = "";
    String failure = "";
    try {
      HttpResponse<byte[]> raw =
          settings.httpClient().send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
      ApiResponse response =
          new ApiResponse(raw.statusCode(), raw.headers().map(), orEmpty(raw.body()));
      status = response.status();
      requestId = response.header(settings.requestIdHeader()).orElse("");
      if (!response.successful()) {
        RemoteServiceException decoded = settings.errorDecoder().decode(request, response);
        failure = decoded.getClass().getSimpleName();
        throw decoded;
      }
      return response;
    } catch (HttpTimeoutException e) {
      failure = "Timeout";
      throw new RemoteServiceException.Transient(
          service(),
          service() + " did not answer " + request.endpoint() + " within " + settings.timeout(),
          e);
    } catch (IOException e) {
      failure = e.getClass().getSimpleName();
      throw new RemoteServiceException.Transient(
          service(), "could not reach " + service() + " for " + request.endpoint(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "Interrupted";
      throw new RemoteServiceException.Transient(
          service(), "interrupted while calling " + service() + " " + request.endpoint(), e);
    } finally {
      Duration took = Duration.between(started, settings.clock().instant());
      RequestLogEntry entry =
          new RequestLogEntry(
              service(),
              request.method(),
              request.endpoint(),
              Redaction.base(base),
              path + Redaction.query(request.query()),
              Redaction.headers(headers),
              status,
              took,
              requestId,
              attempt,
              failure);
      for (Consumer<RequestLogEntry> listener : settings.listeners()) {
        listener.accept(entry);
      }
    }
  }

  /**
   * Stops the client this transport made: its selector thread waits in native code, and a JVM
   * exiting while a thread does waits 300 ms for it (HotSpot's {@code VM_Exit}, at every end of a
   * command that asked an API). Nothing is in flight when a command closes its transports, so the
   * client is stopped at once rather than drained.
   */
  @Override
  public void close() {
    if (!settings.ownsClient()) {
      return;
    }
    HttpClient client = settings.httpClient();
    client.shutdownNow();
    try {
      client.awaitTermination(CLOSE_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How long {@link #close} waits for the client's threads to end; they end in microseconds. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

  private HttpRequest.BodyPublisher body(ApiRequest request, Map<String, String> headers) {
    Object body = request.body();
    if (body == null) {
      return HttpRequest.BodyPublishers.noBody();
    }
    if (body instanceof ApiRequest.RawBody raw) {
      headers.put("Content-Type", raw.contentType());
      return HttpRequest.BodyPublishers.ofString(raw.content());
    }
    headers.putIfAbsent("Content-Type", "application/json");
    try {
      return HttpRequest.BodyPublishers.ofByteArray(mapper().writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request body is not serialisable as JSON", e);
    }
  }

  static String expand(ApiRequest request) {
    StringBuilder path = new StringBuilder();
    String template = request.pathTemplate();
    int next = 0;
    int at = 0;
    while (at < template.length()) {
      int open = template.indexOf('{', at);
      if (open < 0) {
        path.append(template, at, template.length());
        break;
      }
      int close = template.indexOf('}', open);
      path.append(template, at, open);
      if (next >= request.pathArgs().size()) {
        throw new IllegalArgumentException("missing argument for " + template);
      }
      path.append(encode(Objects.requireNonNull(request.pathArgs().get(next++))));
      at = close + 1;
    }
    return path.toString();
  }

  private static String encodeQuery(ApiRequest request) {
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, String> param : request.query()) {
      query.append(query.isEmpty() ? '?' : '&');
      query.append(encode(param.getKey())).append('=').append(encode(param.getValue()));
    }
    return query.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static byte[] orEmpty(byte[] body) {
    return body == null ? new byte[0] : body;
  }

  /** What a {@link JsonHttpBuilder} collected. */
  record HttpTransportSettings(
      String service,
      URI baseUri,
      HttpClient httpClient,
      boolean ownsClient,
      Supplier<ObjectMapper> mapper,
      Supplier<Map<String, String>> headers,
      ErrorDecoder errorDecoder,
      RetryPolicy retryPolicy,
      Duration timeout,
      Sleeper sleeper,
      Clock clock,
      Random random,
      List<Consumer<RequestLogEntry>> listeners,
      String requestIdHeader) {}
}
