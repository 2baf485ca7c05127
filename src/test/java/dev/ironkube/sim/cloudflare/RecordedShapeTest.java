package dev.ironkube.sim.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.TimeModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator answers with the keys, in the order, of the 2025 recordings. */
class RecordedShapeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();

  static JsonNode recorded(String file) throws Exception {
    String root = System.getProperty("ironkube.contracts");
    if (root == null) {
      throw new IllegalStateException("system property ironkube.contracts is not set");
    }
    return JSON.readTree(
        Files.readString(Path.of(root, "cloudflare", "dns-lexicon-extracted", file)));
  }

  static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  HttpResponse<String> send(URI base, String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + CloudflareOptions.DEFAULT_TEST_TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void create_list_duplicate_and_delete_answers_match_the_recordings() throws Exception {
    try (CloudflareApi api =
        new CloudflareApi(
                CloudflareOptions.defaults(), TimeModel.instant(), Faults.none(), new RequestLog())
            .start()) {
      String records = "/zones/" + CloudflareOptions.DEFAULT_ZONE_ID + "/dns_records";
      String body =
          "{\"type\":\"A\",\"name\":\"localhost\",\"content\":\"127.0.0.1\",\"ttl\":3600}";

      JsonNode created = JSON.readTree(send(api.baseUri(), "POST", records, body).body());
      HttpResponse<String> duplicate = send(api.baseUri(), "POST", records, body);
      JsonNode listed =
          JSON.readTree(
              send(
                      api.baseUri(),
                      "GET",
                      records + "?per_page=100&type=A&name=localhost.ironkube.test",
                      null)
                  .body());
      String id = created.at("/result/id").asText();
      JsonNode deleted =
          JSON.readTree(send(api.baseUri(), "DELETE", records + "/" + id, null).body());
      JsonNode empty =
          JSON.readTree(
              send(
                      api.baseUri(),
                      "GET",
                      records + "?per_page=100&type=A&name=localhost.ironkube.test",
                      null)
                  .body());

      JsonNode recordedCreate = recorded("dns_records.create.A.200.json");
      assertThat(keys(created)).isEqualTo(keys(recordedCreate));
      assertThat(keys(created.get("result"))).isEqualTo(keys(recordedCreate.get("result")));
      assertThat(created.at("/result/name").asText()).isEqualTo("localhost.ironkube.test");
      assertThat(created.at("/result/proxiable").asBoolean()).isFalse();
      assertThat(duplicate.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(duplicate.body()))
          .isEqualTo(recorded("dns_records.create.duplicate-81058.400.json"));
      assertThat(keys(listed))
          .isEqualTo(keys(recorded("dns_records.list.by-type-and-name.200.json")));
      assertThat(keys(listed.get("result_info")))
          .containsExactlyInAnyOrderElementsOf(
              keys(recorded("dns_records.list.by-type-and-name.200.json").get("result_info")));
      assertThat(keys(deleted)).isEqualTo(keys(recorded("dns_records.delete.200.json")));
      assertThat(empty.get("result_info"))
          .isEqualTo(recorded("dns_records.list.empty.200.json").get("result_info"));
    }
  }
}
