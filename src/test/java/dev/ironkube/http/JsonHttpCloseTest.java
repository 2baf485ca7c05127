package dev.ironkube.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.FakeHttpServer.Reply;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A transport's client lives as long as the transport: closing it ends the client's selector
 * thread, which otherwise sits in native code and holds every JVM exit back by 300 ms (HotSpot
 * waits that long for threads in native before it exits). A client the caller gave is the caller's.
 */
class JsonHttpCloseTest {
  private final FakeHttpServer server = new FakeHttpServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonHttpBuilder builder() {
    return JsonHttp.builder("test", server.uri()).errorDecoder(JsonHttpTest::decode);
  }

  @Test
  void closingEndsTheSelectorThreadOfTheClientItMade() throws Exception {
    server.answer(r -> Reply.json(200, "{\"ok\":true}"));
    Set<Thread> before = selectorThreads();
    List<JsonHttp> owned = new ArrayList<>();
    // A send after close is retried as any unreachable endpoint is; its back-off is recorded, not
    // waited (four real waits took about five seconds).
    List<Duration> backOff = new ArrayList<>();
    JsonHttp http = builder().owner(owned::add).sleeper(backOff::add).build();

    assertThat(owned).containsExactly(http);
    assertThat(http.send(ApiRequest.get("/thing"), Function.identity())).isNotNull();
    Set<Thread> started = selectorThreads();
    started.removeAll(before);
    assertThat(started).as("the client's selector thread").hasSize(1);

    http.close();

    Thread selector = started.iterator().next();
    selector.join(1000);
    assertThat(selector.isAlive()).as("selector thread after close").isFalse();
    assertThatThrownBy(() -> http.send(ApiRequest.get("/thing"), Function.identity()))
        .isInstanceOf(RemoteServiceException.Transient.class);
    assertThat(backOff).as("retried with back-off").hasSize(RetryPolicy.DEFAULT.maxAttempts() - 1);
  }

  @Test
  void aClientTheCallerGaveOutlivesTheTransport() {
    server.answer(r -> Reply.json(200, "{}"));
    try (HttpClient given = HttpClient.newHttpClient()) {
      builder().httpClient(given).build().close();

      assertThat(given.isTerminated()).isFalse();
      Object answer = builder().httpClient(given).build().send(ApiRequest.get("/x"), o -> o);
      assertThat(answer).isNotNull();
    }
  }

  private static Set<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("HttpClient-"))
        .filter(t -> t.getName().endsWith("-SelectorManager"))
        .collect(Collectors.toSet());
  }
}
