package dev.ironkube.sim.daemon;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.http.PlainHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Calls the background datacenter's {@link ControlServer}, with the token of its daemon.json. Its
 * client has no TLS set-up for the plain-http loopback address (the JDK default's costs a {@code
 * --simulate} command's start about 500 classes), and {@link #close} ends its selector thread,
 * which would otherwise hold the JVM's exit back by 300 ms.
 */
final class ControlClient implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final DaemonFile file;
  private final HttpClient http;

  ControlClient(DaemonFile file) {
    this.file = file;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
    this.http = (PlainHttp.plain(file.control()) ? PlainHttp.withoutTls(b) : b).build();
  }

  @Override
  public void close() {
    http.shutdownNow();
  }

  DatacenterState status() throws IOException, InterruptedException {
    return MAPPER.readValue(call("GET", ControlServer.STATUS), DatacenterState.class);
  }

  void stop() throws IOException, InterruptedException {
    call("POST", ControlServer.STOP);
  }

  /** Has the datacenter's Teleport issue an identity now; where it wrote it (0600). */
  Path teleportIdentity() throws IOException, InterruptedException {
    return Path.of(MAPPER.readValue(call("POST", ControlServer.TELEPORT_IDENTITY), String.class));
  }

  /** The addresses the datacenter's Cloudflare zones publish for {@code name}. */
  List<String> resolve(String name) throws IOException, InterruptedException {
    String body =
        call(
            "GET",
            ControlServer.RESOLVE + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    return MAPPER.readValue(body, new TypeReference<List<String>>() {});
  }

  private String call(String method, String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(file.control() + pathAndQuery))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + file.token())
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "the simulated datacenter's control endpoint answered " + response.statusCode());
    }
    return response.body();
  }
}
