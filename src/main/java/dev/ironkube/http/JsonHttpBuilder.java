package dev.ironkube.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.time.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Configures a {@link JsonHttp}; every collaborator that touches time or chance is injectable. */
public final class JsonHttpBuilder {
  private final String service;
  private final URI baseUri;
  private HttpClient httpClient;
  // Made on first use: databind's first mapper costs a tenth of a second, and the reads that
  // answer a command at once map a JsonTree instead.
  private Supplier<ObjectMapper> mapper = JsonHttp::defaultMapper;
  private final Map<String, String> fixedHeaders = new LinkedHashMap<>();
  private Supplier<Map<String, String>> dynamicHeaders = Map::of;
  private ErrorDecoder errorDecoder;
  private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
  private Duration timeout = Duration.ofSeconds(30);
  private Sleeper sleeper = Sleeper.SYSTEM;
  private Clock clock = Clock.systemUTC();
  private Random random = new Random();
  private final List<Consumer<RequestLogEntry>> listeners = new ArrayList<>();
  private String requestIdHeader = "X-Request-Id";
  private Consumer<JsonHttp> owner = http -> {};

  JsonHttpBuilder(String service, URI baseUri) {
    this.service = Objects.requireNonNull(service);
    this.baseUri = Objects.requireNonNull(baseUri);
  }

  public JsonHttpBuilder httpClient(HttpClient httpClient) {
    this.httpClient = httpClient;
    return this;
  }

  public JsonHttpBuilder mapper(ObjectMapper mapper) {
    Objects.requireNonNull(mapper);
    this.mapper = () -> mapper;
    return this;
  }

  /** A mapper made when a call first needs one (the supplier is called at most once). */
  public JsonHttpBuilder mapper(Supplier<ObjectMapper> mapper) {
    this.mapper = Objects.requireNonNull(mapper);
    return this;
  }

  /** A header sent on every call, such as an API version or the auth header. */
  public JsonHttpBuilder header(String name, String value) {
    fixedHeaders.put(name, value);
    return this;
  }

  /** Headers computed per call, for credentials that may be refreshed. */
  public JsonHttpBuilder headers(Supplier<Map<String, String>> headers) {
    this.dynamicHeaders = headers;
    return this;
  }

  public JsonHttpBuilder errorDecoder(ErrorDecoder errorDecoder) {
    this.errorDecoder = errorDecoder;
    return this;
  }

  public JsonHttpBuilder retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = retryPolicy;
    return this;
  }

  /** How long one attempt may take, response body included. */
  public JsonHttpBuilder timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  public JsonHttpBuilder sleeper(Sleeper sleeper) {
    this.sleeper = sleeper;
    return this;
  }

  public JsonHttpBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  public JsonHttpBuilder random(Random random) {
    this.random = random;
    return this;
  }

  /** Receives one redacted entry per attempt; add a {@link RequestStats} to count budgets. */
  public JsonHttpBuilder listener(Consumer<RequestLogEntry> listener) {
    listeners.add(listener);
    return this;
  }

  public JsonHttpBuilder requestIdHeader(String name) {
    this.requestIdHeader = name;
    return this;
  }

  /** Given the transport once built, so that whoever owns the run closes it at the end. */
  public JsonHttpBuilder owner(Consumer<JsonHttp> owner) {
    this.owner = Objects.requireNonNull(owner);
    return this;
  }

  private HttpClient newClient() {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            // A redirect would carry the credential headers to wherever it points.
            .followRedirects(HttpClient.Redirect.NEVER);
    return (PlainHttp.plain(baseUri) ? PlainHttp.withoutTls(b) : b).build();
  }

  public JsonHttp build() {
    Objects.requireNonNull(errorDecoder, "errorDecoder: each service decodes its own errors");
    HttpClient client = httpClient != null ? httpClient : newClient();
    Map<String, String> fixed = Map.copyOf(fixedHeaders);
    Supplier<Map<String, String>> dynamic = dynamicHeaders;
    Supplier<Map<String, String>> all =
        () -> {
          Map<String, String> merged = new LinkedHashMap<>(fixed);
          merged.putAll(dynamic.get());
          return merged;
        };
    JsonHttp http =
        new JsonHttp(
            new JsonHttp.HttpTransportSettings(
                service,
                baseUri,
                client,
                httpClient == null,
                Once.of(mapper),
                all,
                errorDecoder,
                retryPolicy,
                timeout,
                sleeper,
                clock,
                random,
                List.copyOf(listeners),
                requestIdHeader));
    owner.accept(http);
    return http;
  }
}
