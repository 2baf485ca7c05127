package dev.ironkube.provider.latitude;

import dev.ironkube.http.FakeHttpServer;
import dev.ironkube.http.FakeHttpServer.Recorded;
import dev.ironkube.http.FakeHttpServer.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Serves recorded Latitude responses to the client under test: each request gets the next recorded
 * response for its method and path (the last one repeats). Routes can also be added by hand where
 * no recording exists. Unmatched requests get a 599 so that the test fails loudly.
 */
final class CassetteServer implements AutoCloseable {
  /** Framing headers of the recorded connection; the fake server frames its own answers. */
  private static final Set<String> HOP_BY_HOP =
      Set.of("content-length", "transfer-encoding", "content-encoding", "connection", "date");

  private final FakeHttpServer http = new FakeHttpServer();
  private final Map<String, Deque<Reply>> replies = new LinkedHashMap<>();
  private final Map<String, Function<Recorded, Reply>> routes = new LinkedHashMap<>();

  CassetteServer() {
    http.answer(this::reply);
  }

  /** Queues every interaction of the cassette at its own method and path. */
  CassetteServer replay(Cassette cassette) {
    cassette.interactions().forEach(i -> enqueue(i.method(), i.path(), recorded(i.response())));
    return this;
  }

  /** Queues one recorded response at another path (for deprecated endpoints' recordings). */
  CassetteServer replayAt(String method, String path, Cassette.Response response) {
    return enqueue(method, path, recorded(response));
  }

  synchronized CassetteServer enqueue(String method, String path, Reply reply) {
    replies.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()).add(reply);
    return this;
  }

  synchronized CassetteServer route(String method, String path, Function<Recorded, Reply> route) {
    routes.put(method + " " + path, route);
    return this;
  }

  URI uri() {
    return http.uri();
  }

  List<Recorded> requests() {
    return http.requests();
  }

  /** A route runs outside the lock: it may wait for another request, which must get in. */
  private Reply reply(Recorded request) {
    String key = request.method() + " " + request.path();
    Function<Recorded, Reply> route;
    synchronized (this) {
      route = routes.get(key);
      if (route == null) {
        Deque<Reply> queue = replies.get(key);
        if (queue == null || queue.isEmpty()) {
          return Reply.json(599, "{\"test\":\"nothing recorded for " + key + "\"}");
        }
        return queue.size() > 1 ? queue.removeFirst() : queue.getFirst();
      }
    }
    return route.apply(request);
  }

  static Reply recorded(Cassette.Response response) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (response.headers() != null) {
      response
          .headers()
          .forEach(
              (name, values) -> {
                if (!values.isEmpty() && !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                  headers.put(name, values.getFirst());
                }
              });
    }
    String body = response.body() == null ? "" : response.body();
    return new Reply(response.code(), headers, body, Duration.ZERO);
  }

  @Override
  public void close() {
    http.close();
  }
}
