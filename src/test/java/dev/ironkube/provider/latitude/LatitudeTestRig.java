package dev.ironkube.provider.latitude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.http.FakeHttpServer.Recorded;
import dev.ironkube.http.JsonHttp;
import dev.ironkube.http.RecordingSleeper;
import dev.ironkube.http.RequestStats;
import dev.ironkube.http.RetryPolicy;
import dev.ironkube.settings.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/** A Latitude client wired to a {@link CassetteServer}, with time and chance under test control. */
final class LatitudeTestRig implements AutoCloseable {
  static final String API_KEY = "lat_test_9f8e7d6c5b4a-not-a-real-key";
  private static final ObjectMapper JSON = new ObjectMapper();

  final CassetteServer server = new CassetteServer();
  final RecordingSleeper sleeper = new RecordingSleeper();
  final RequestStats stats = new RequestStats();
  final LatitudeClient client;

  LatitudeTestRig() {
    this(RetryPolicy.DEFAULT, Duration.ofSeconds(5));
  }

  LatitudeTestRig(RetryPolicy retryPolicy, Duration timeout) {
    JsonHttp http =
        LatitudeClient.transport(server.uri(), Secret.of(API_KEY))
            .retryPolicy(retryPolicy)
            .timeout(timeout)
            .sleeper(sleeper)
            .clock(sleeper.clock())
            .random(new Random(1))
            .listener(stats)
            .build();
    // Latitude's default page size, so the recorded 20-site page of /regions is a full page.
    client = new LatitudeClient(http, 20);
  }

  /** A list answer holding recorded resources, for list calls that were never recorded. */
  static String listOf(String... recordedDocuments) {
    ObjectNode list = JSON.createObjectNode();
    ArrayNode data = list.putArray("data");
    for (String document : recordedDocuments) {
      data.add(read(document).get("data"));
    }
    list.putObject("meta");
    return list.toString();
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Recorded> requests() {
    return server.requests();
  }

  @Override
  public void close() {
    server.close();
  }
}
