package dev.ironkube.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A bare JDK HttpClient pointed at one simulated API, for tests of the fakes themselves: no
 * production client, no retries, nothing hidden.
 */
public final class SimHttp {
  public static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String key;

  public SimHttp(URI base, String key) {
    this.base = base;
    this.key = key;
  }

  /** A response: status, raw body and content type. */
  public record Answer(int status, String body, String contentType) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  public Answer get(String pathAndQuery) throws IOException, InterruptedException {
    return send(request(pathAndQuery).GET());
  }

  public Answer head(String pathAndQuery) throws IOException, InterruptedException {
    return send(request(pathAndQuery).method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  public Answer delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE());
  }

  public Answer post(String path, String body) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Answer send(HttpRequest.Builder builder) throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(
        response.statusCode(),
        response.body(),
        response.headers().firstValue("Content-Type").orElse(""));
  }

  public HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(10));
    if (key != null) {
      builder.header("Authorization", key);
    }
    return builder;
  }

  /** Query brackets must be percent-encoded for java.net.URI. */
  public static String q(String raw) {
    return raw.replace("[", "%5B").replace("]", "%5D");
  }
}
