package dev.ironkube.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.FakeHttpServer.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonHttpTest {
  private static final String SECRET = "s3cr3t-token-value";

  private final FakeHttpServer server = new FakeHttpServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final List<RequestLogEntry> log = new CopyOnWriteArrayList<>();
  private final RequestStats stats = new RequestStats();

  @AfterEach
  void stop() {
    server.close();
  }

  /** Classifies by status only, as a service's decoder would. */
  static RemoteServiceException decode(ApiRequest request, ApiResponse response) {
    String message = "test service answered " + request.endpoint() + " " + response.status();
    return switch (response.status()) {
      case 404 -> new RemoteServiceException.NotFound("test", message);
      case 429 ->
          new RemoteServiceException.RateLimited(
              "test",
              message,
              response
                  .header("Retry-After")
                  .map(s -> Duration.ofSeconds(Long.parseLong(s)))
                  .orElse(null));
      default ->
          response.status() >= 500
              ? new RemoteServiceException.Transient("test", message, null)
              : new RemoteServiceException.Rejected("test", message, "");
    };
  }

  private JsonHttp http(RetryPolicy policy) {
    return JsonHttp.builder("test", server.uri())
        .header("Authorization", "Bearer " + SECRET)
        .header("X-Auth-Token", SECRET)
        .errorDecoder(JsonHttpTest::decode)
        .retryPolicy(policy)
        .timeout(Duration.ofSeconds(5))
        .sleeper(sleeper)
        .clock(sleeper.clock())
        .random(new Random(42))
        .listener(log::add)
        .listener(stats)
        .build();
  }

  @Test
  void retriesServerErrorsWithGrowingJitteredBackoffThenSucceeds() {
    server.answerInTurn(
        Reply.json(503, "down"), Reply.json(502, "down"), Reply.json(200, "{\"ok\":true}"));

    JsonNode answer = http(RetryPolicy.DEFAULT).send(ApiRequest.get("/thing"), JsonNode.class);

    assertThat(answer.get("ok").asBoolean()).isTrue();
    assertThat(server.requests()).hasSize(3);
    assertThat(sleeper.sleeps()).hasSize(2);
    assertThat(sleeper.sleeps().get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(sleeper.sleeps().get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void jitterIsReproducibleFromTheSeed() {
    RetryPolicy policy = RetryPolicy.DEFAULT;
    RemoteServiceException failure = new RemoteServiceException.Transient("test", "down", null);
    List<Duration> first =
        List.of(policy.delay(1, failure, new Random(7)), policy.delay(4, failure, new Random(7)));
    List<Duration> again =
        List.of(policy.delay(1, failure, new Random(7)), policy.delay(4, failure, new Random(7)));
    assertThat(first).isEqualTo(again);
    assertThat(policy.delay(20, failure, new Random(7))).isLessThanOrEqualTo(policy.maxBackoff());
  }

  @Test
  void honoursTheRateLimitHintExactly() {
    server.answerInTurn(
        Reply.json(429, "slow down").withHeader("Retry-After", "7"), Reply.json(200, "{}"));

    http(RetryPolicy.DEFAULT).send(ApiRequest.get("/thing"), JsonNode.class);

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void givesUpAfterTheAttemptBudget() {
    server.answer(r -> Reply.json(500, "boom"));
    RetryPolicy three =
        new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), 2, Duration.ofMinutes(1));

    assertThatThrownBy(() -> http(three).send(ApiRequest.get("/thing"), JsonNode.class))
        .isInstanceOf(RemoteServiceException.Transient.class);
    assertThat(server.requests()).hasSize(3);
    assertThat(sleeper.sleeps()).hasSize(2);
  }

  @Test
  void doesNotStartAWaitThatWouldEndPastTheDeadline() {
    server.answer(r -> Reply.json(429, "slow down").withHeader("Retry-After", "600"));

    assertThatThrownBy(
            () -> http(RetryPolicy.DEFAULT).send(ApiRequest.get("/thing"), JsonNode.class))
        .isInstanceOf(RemoteServiceException.RateLimited.class);
    assertThat(server.requests()).hasSize(1);
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void aCreateRefusedByTheRateLimitIsSentAgainAfterTheHint() {
    // A 429 is refused before anything happens, so parallel orders hitting the write limit
    // (Latitude: 20 a minute) wait and go through instead of failing the run.
    server.answerInTurn(
        Reply.json(429, "slow down").withHeader("Retry-After", "3"), Reply.json(201, "{}"));

    http(RetryPolicy.DEFAULT).send(ApiRequest.post("/things").withJson(List.of(1)), JsonNode.class);

    assertThat(server.requests()).hasSize(2);
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void neverRepeatsACallMarkedNotIdempotent() {
    server.answer(r -> Reply.json(503, "down"));

    assertThatThrownBy(
            () ->
                http(RetryPolicy.DEFAULT)
                    .send(ApiRequest.post("/things").withJson(List.of(1)), JsonNode.class))
        .isInstanceOf(RemoteServiceException.Transient.class);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void clientErrorsAreNotRetried() {
    server.answer(r -> Reply.json(404, "nope"));

    assertThatThrownBy(
            () -> http(RetryPolicy.DEFAULT).send(ApiRequest.get("/thing"), JsonNode.class))
        .isInstanceOf(RemoteServiceException.NotFound.class);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void retriesAnUnreadableBody() {
    server.answerInTurn(Reply.json(200, "<html>gateway</html>"), Reply.json(200, "{\"n\":1}"));

    JsonNode answer = http(RetryPolicy.DEFAULT).send(ApiRequest.get("/thing"), JsonNode.class);

    assertThat(answer.get("n").asInt()).isEqualTo(1);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void timeoutIsTransient() {
    server.answer(r -> Reply.json(200, "{}").delayedBy(Duration.ofSeconds(2)));
    JsonHttp http =
        JsonHttp.builder("test", server.uri())
            .errorDecoder(JsonHttpTest::decode)
            .retryPolicy(RetryPolicy.NONE)
            .timeout(Duration.ofMillis(150))
            .sleeper(sleeper)
            .build();

    assertThatThrownBy(() -> http.send(ApiRequest.get("/slow"), JsonNode.class))
        .isInstanceOf(RemoteServiceException.Transient.class)
        .hasMessageContaining("did not answer GET /slow");
  }

  @Test
  void encodesPathArgumentsAndBracketedQueryNames() {
    server.answer(r -> Reply.json(200, "{}"));

    http(RetryPolicy.NONE)
        .send(
            ApiRequest.get("/items/{id}", "a b/c").withQuery("filter[name]", "x y"),
            JsonNode.class);

    FakeHttpServer.Recorded request = server.requests().getFirst();
    assertThat(request.path()).isEqualTo("/items/a%20b%2Fc");
    assertThat(request.rawQuery()).isEqualTo("filter%5Bname%5D=x%20y");
    assertThat(request.queryParam("filter[name]")).isEqualTo("x y");
  }

  @Test
  void logsEachAttemptWithoutCredentials() {
    server.answerInTurn(
        Reply.json(503, "down").withHeader("X-Request-Id", "req-1"),
        Reply.json(200, "{}").withHeader("X-Request-Id", "req-2"));

    http(RetryPolicy.DEFAULT)
        .send(
            ApiRequest.get("/items/{id}", "it_1").withQuery("api_key", SECRET).withQuery("page", 2),
            JsonNode.class);

    assertThat(log).hasSize(2);
    RequestLogEntry first = log.getFirst();
    assertThat(first.endpoint()).isEqualTo("GET /items/{id}");
    assertThat(first.path()).isEqualTo("/items/it_1?api_key=[REDACTED]&page=2");
    assertThat(first.status()).isEqualTo(503);
    assertThat(first.requestId()).isEqualTo("req-1");
    assertThat(first.failure()).isEqualTo("Transient");
    assertThat(first.requestHeaders())
        .containsEntry("Authorization", "[REDACTED]")
        .containsEntry("X-Auth-Token", "[REDACTED]");
    assertThat(log.get(1).attempt()).isEqualTo(2);
    assertThat(log.get(1).requestId()).isEqualTo("req-2");
    for (RequestLogEntry entry : log) {
      assertThat(entry.toString()).doesNotContain(SECRET);
      assertThat(entry.line()).doesNotContain(SECRET);
    }
    // The secret did go over the wire, only the log is clean.
    assertThat(server.requests().getFirst().header("Authorization")).isEqualTo("Bearer " + SECRET);
  }

  @Test
  void countsRequestsByEndpointSplitIntoReadsAndWrites() {
    server.answerInTurn(Reply.json(500, "x"), Reply.json(200, "{}"));
    JsonHttp http = http(RetryPolicy.DEFAULT);

    http.send(ApiRequest.get("/items/{id}", "1"), JsonNode.class);
    http.send(ApiRequest.get("/items/{id}", "2"), JsonNode.class);
    http.execute(ApiRequest.delete("/items/{id}", "2"));
    http.send(ApiRequest.post("/items").withJson(List.of()), JsonNode.class);

    assertThat(stats.reads()).isEqualTo(3); // the retried GET counts twice
    assertThat(stats.writes()).isEqualTo(2);
    assertThat(stats.byEndpoint())
        .containsEntry("GET /items/{id}", 3L)
        .containsEntry("DELETE /items/{id}", 1L)
        .containsEntry("POST /items", 1L);
  }

  @Test
  void anUnreachableServiceIsTransientAndRetried() {
    int port = server.uri().getPort();
    server.close();
    JsonHttp http =
        JsonHttp.builder("test", URI.create("http://127.0.0.1:" + port))
            .errorDecoder(JsonHttpTest::decode)
            .retryPolicy(
                new RetryPolicy(
                    2, Duration.ofMillis(10), Duration.ofMillis(10), 1, Duration.ofMinutes(1)))
            .sleeper(sleeper)
            .clock(sleeper.clock())
            .listener(log::add)
            .build();

    assertThatThrownBy(() -> http.send(ApiRequest.get("/thing"), JsonNode.class))
        .isInstanceOf(RemoteServiceException.Transient.class)
        .hasMessageContaining("could not reach test");
    assertThat(log).hasSize(2).allSatisfy(e -> assertThat(e.status()).isZero());
  }
}
