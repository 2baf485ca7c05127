package dev.ironkube.sim.scaleway;

import static dev.ironkube.sim.scaleway.JsonShape.assertSameShape;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.Contracts;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.LoopbackAllocator;
import dev.ironkube.sim.MachineRegistry;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.SimHttp;
import dev.ironkube.sim.TimeModel;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's answers next to the recorded ones: same fields, same kinds, same status codes. */
class ScalewayApiShapeTest {
  private static final String ZONE = "/baremetal/v1/zones/fr-par-2";
  private final Faults faults = new Faults(5);
  private final ScalewayApi api =
      new ScalewayApi(
              ScalewayOptions.defaults(),
              TimeModel.instant(),
              faults,
              new MachineRegistry(),
              new LoopbackAllocator(202, List.of()),
              new RequestLog())
          .start();
  private final SimHttp http = new SimHttp(api.baseUri(), null);

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void catalogueAnswersHaveTheRecordedShape() throws Exception {
    JsonNode offers = get(ZONE + "/offers?page=1&subscription_period=hourly").json();
    JsonNode recordedOffers = recorded("baremetal.offers-list.fr-par-2.200.json");
    assertSameShape("offers", envelope(recordedOffers), envelope(offers));
    assertSameShape(
        "offer",
        byName(recordedOffers.get("offers"), "EM-A610R-NVME"),
        byName(offers.get("offers"), "EM-A610R-NVME"));

    JsonNode os = get(ZONE + "/os?page=1").json();
    JsonNode recordedOs = recorded("baremetal.os-list.fr-par-2.200.json");
    assertSameShape("os", envelope(recordedOs), envelope(os));
    assertSameShape(
        "ubuntu",
        byId(recordedOs.get("os"), "7d1914e1-f4ab-47fc-bd8c-b3a23143e87a"),
        byId(os.get("os"), "7d1914e1-f4ab-47fc-bd8c-b3a23143e87a"));
  }

  @Test
  void sshKeysHaveTheRecordedIamShapes() throws Exception {
    SimHttp.Answer created =
        post(
            "/iam/v1alpha1/ssh-keys",
            recordedText("iam.ssh-key-create.request.json")
                .replace(
                    "105bdce1-64c0-48ab-899d-868455867ecf", ScalewayOptions.DEFAULT_PROJECT_ID));
    assertThat(created.status()).isEqualTo(200);
    assertSameShape("key", recorded("iam.ssh-key-create.200.json"), created.json());
    assertThat(created.json().path("public_key").asText())
        .doesNotContain("opensource@scaleway.com");

    SimHttp.Answer list =
        get(
            "/iam/v1alpha1/ssh-keys?name=test-ssh-key-list-1&order_by=created_at_asc&page=1&project_id="
                + ScalewayOptions.DEFAULT_PROJECT_ID);
    assertSameShape(
        "keys", recorded("iam.ssh-keys-list.by-name-and-project.200.json"), list.json());

    String id = created.json().path("id").asText();
    assertThat(send("DELETE", "/iam/v1alpha1/ssh-keys/" + id, null).status()).isEqualTo(204);
    SimHttp.Answer gone = get("/iam/v1alpha1/ssh-keys/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertSameShape("404", recorded("iam.ssh-key-get.after-delete.404.json"), gone.json());
    assertThat(get("/iam/v1alpha1/ssh-keys?page_size=101").status()).isEqualTo(400);
  }

  @Test
  void serverLifecycleFollowsTheRecordedSequenceAndShapes() throws Exception {
    SimHttp.Answer create = post(ZONE + "/servers", createBody(offerId("EM-I215E-NVME"), keyId()));
    assertThat(create.status()).isEqualTo(200);
    assertSameShape("create", recorded("baremetal.server-create.ordered.200.json"), create.json());
    assertThat(create.json().path("ips")).isEmpty();
    String id = create.json().path("id").asText();

    List<String> recordedFiles =
        List.of(
            "baremetal.server-get.ready-to_install.200.json",
            "baremetal.server-get.ready-installing.200.json",
            "baremetal.server-get.ready-completed.200.json");
    for (String file : recordedFiles) {
      JsonNode fake = get(ZONE + "/servers/" + id).json();
      JsonNode real = recorded(file);
      assertSameShape(file, real, fake);
      assertThat(fake.path("status").asText()).isEqualTo(real.path("status").asText());
      assertThat(fake.path("install").path("status").asText())
          .as(file)
          .isEqualTo(real.path("install").path("status").asText());
    }
    JsonNode completed = get(ZONE + "/servers/" + id).json();
    assertThat(completed.path("ips").get(0).path("version").asText()).isEqualTo("IPv4");

    SimHttp.Answer deleting = send("DELETE", ZONE + "/servers/" + id, null);
    assertSameShape(
        "delete", recorded("baremetal.server-delete.deleting.200.json"), deleting.json());
    assertThat(deleting.json().path("status").asText()).isEqualTo("deleting");
    SimHttp.Answer gone = get(ZONE + "/servers/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body()).isEqualTo(recordedText("baremetal.server-get.after-delete.404.json"));
  }

  /**
   * An order without {@code install} is accepted: recorded answer {@code
   * baremetal.server-create.no-install.delivering.200.json} ({@code status:"delivering"}, {@code
   * install:null}), then {@code ready} with {@code install:null} in the polls of
   * terraform-provider-scaleway/baremetal/server-without-install-config.cassette.yaml.
   */
  @Test
  void anOrderWithoutInstallIsDeliveredWithANullInstallAsRecorded() throws Exception {
    JsonNode real = recorded("baremetal.server-create.no-install.delivering.200.json");
    String body =
        recordedText("baremetal.server-create.no-install.request.json")
            .replace(real.path("project_id").asText(), ScalewayOptions.DEFAULT_PROJECT_ID)
            .replace(real.path("offer_id").asText(), offerId(real.path("offer_name").asText()));

    SimHttp.Answer create = post(ZONE + "/servers", body);
    String id = create.json().path("id").asText();
    JsonNode ready = get(ZONE + "/servers/" + id).json();

    assertThat(create.status()).isEqualTo(200);
    List<String> fields = new ArrayList<>();
    real.fieldNames().forEachRemaining(fields::add);
    assertThat(create.json().properties().stream().map(Map.Entry::getKey)).containsAll(fields);
    assertThat(create.json().path("status").asText()).isEqualTo(real.path("status").asText());
    assertThat(create.json().get("install").isNull()).isEqualTo(real.get("install").isNull());
    assertThat(ready.path("status").asText()).isEqualTo("ready");
    assertThat(ready.get("install").isNull()).isTrue();
  }

  /**
   * GET …/servers?project_id&tags: openapi/scaleway.baremetal.v1.Api.yml lists {@code project_id}
   * and the repeatable {@code tags} as filters and answers {@code ListServersResponse} {@code
   * {total_count, servers}}. How several tags combine is not specified, so only one is asked.
   */
  @Test
  void serversAreListedByProjectAndTag() throws Exception {
    String offer = offerId("EM-I215E-NVME");
    String key = keyId();
    ObjectNode tagged = (ObjectNode) SimHttp.JSON.readTree(createBody(offer, key));
    tagged.putArray("tags").add("ironkube-cluster=a");
    String taggedId = post(ZONE + "/servers", tagged.toString()).json().path("id").asText();
    ObjectNode other = (ObjectNode) SimHttp.JSON.readTree(createBody(offer, key));
    other.putArray("tags").add("ironkube-cluster=b");
    post(ZONE + "/servers", other.toString());

    JsonNode mine =
        get(ZONE
                + "/servers?project_id="
                + ScalewayOptions.DEFAULT_PROJECT_ID
                + "&tags=ironkube-cluster%3Da")
            .json();
    JsonNode elsewhere =
        get(ZONE + "/servers?project_id=11111111-2222-3333-4444-555555555555").json();

    assertThat(mine.properties().stream().map(Map.Entry::getKey))
        .containsExactlyInAnyOrder("total_count", "servers");
    assertThat(mine.path("servers"))
        .extracting(s -> s.path("id").asText())
        .containsExactly(taggedId);
    assertThat(mine.path("total_count").asInt()).isEqualTo(1);
    assertThat(elsewhere.path("servers")).isEmpty();
    assertThat(elsewhere.path("total_count").asInt()).isZero();
  }

  @Test
  void anOfferWithoutCloudInitRefusesUserDataAsRecorded() throws Exception {
    SimHttp.Answer refused = post(ZONE + "/servers", createBody(offerId("EM-L110X-SATA"), keyId()));

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.body())
        .isEqualTo(recordedText("baremetal.server-create.cloud-init-unsupported-offer.503.json"));
  }

  @Test
  void theRateLimitAnswerIsAsBareAsTheGateways() throws Exception {
    faults.arm(Faults.Rule.once("scaleway.GET /baremetal/v1/zones/{zone}/offers", "429"));

    HttpRequestResult limited = raw(ZONE + "/offers");

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.body()).isEmpty();
    assertThat(limited.headers().firstValue("Content-Type")).isEmpty();
    assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
    assertThat(limited.headers().firstValue("X-Envoy-Ratelimited")).contains("true");
  }

  @Test
  void requestsOverTheKeysBudgetGetTheBare429() throws Exception {
    try (ScalewayApi limited =
        new ScalewayApi(
                ScalewayOptions.defaults().withRequestsPerWindow(3),
                TimeModel.instant().override(ScalewayApi.STEP_RATE_WINDOW, Duration.ofMinutes(1)),
                Faults.none(),
                new MachineRegistry(),
                new LoopbackAllocator(203, List.of()),
                new RequestLog())
            .start()) {
      SimHttp other = new SimHttp(limited.baseUri(), null);
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        statuses.add(
            other
                .send(
                    other
                        .request(ZONE + "/os")
                        .header("X-Auth-Token", ScalewayOptions.DEFAULT_SECRET_KEY)
                        .GET())
                .status());
      }
      assertThat(statuses).containsExactly(200, 200, 200, 429);
    }
  }

  @Test
  void aWrongKeyIsDenied() throws Exception {
    SimHttp.Answer denied =
        http.send(http.request(ZONE + "/offers").header("X-Auth-Token", "nope").GET());

    assertThat(denied.status()).isEqualTo(401);
    assertThat(denied.json().path("type").asText()).isEqualTo("denied_authentication");
  }

  record HttpRequestResult(int status, String body, HttpHeaders headers) {}

  private HttpRequestResult raw(String path) throws Exception {
    var response =
        HttpClient.newHttpClient()
            .send(
                http.request(path)
                    .header("X-Auth-Token", ScalewayOptions.DEFAULT_SECRET_KEY)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new HttpRequestResult(response.statusCode(), response.body(), response.headers());
  }

  private String createBody(String offerId, String keyId) throws IOException {
    ObjectNode body = (ObjectNode) recorded("baremetal.server-create.with-user-data.request.json");
    body.put("offer_id", offerId);
    body.put("project_id", ScalewayOptions.DEFAULT_PROJECT_ID);
    ((ObjectNode) body.get("install")).putArray("ssh_key_ids").add(keyId);
    return body.toString();
  }

  private String offerId(String name) throws Exception {
    return byName(get(ZONE + "/offers").json().get("offers"), name).path("id").asText();
  }

  private String keyId() throws Exception {
    String body =
        "{\"name\":\"k\",\"public_key\":\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICJEoOOgQBLJPs4g\","
            + "\"project_id\":\""
            + ScalewayOptions.DEFAULT_PROJECT_ID
            + "\"}";
    return post("/iam/v1alpha1/ssh-keys", body).json().path("id").asText();
  }

  private SimHttp.Answer get(String path) throws Exception {
    return send("GET", path, null);
  }

  private SimHttp.Answer post(String path, String body) throws Exception {
    return send("POST", path, body);
  }

  private SimHttp.Answer send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        http.request(path)
            .header("X-Auth-Token", ScalewayOptions.DEFAULT_SECRET_KEY)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request);
  }

  /** The list envelope alone; its items differ by kind and are compared one by one. */
  private static JsonNode envelope(JsonNode list) {
    ObjectNode copy = list.deepCopy();
    copy.properties()
        .forEach(
            e -> {
              if (e.getValue().isArray()) {
                e.setValue(SimHttp.JSON.createArrayNode());
              }
            });
    return copy;
  }

  private static JsonNode byName(JsonNode items, String name) {
    for (JsonNode item : items) {
      if (item.path("name").asText().equals(name)) {
        return item;
      }
    }
    throw new AssertionError("no " + name);
  }

  private static JsonNode byId(JsonNode items, String id) {
    for (JsonNode item : items) {
      if (item.path("id").asText().equals(id)) {
        return item;
      }
    }
    throw new AssertionError("no " + id);
  }

  private static JsonNode recorded(String file) throws IOException {
    return SimHttp.JSON.readTree(recordedText(file));
  }

  private static String recordedText(String file) throws IOException {
    return Files.readString(Contracts.dir("scaleway").resolve("recorded/extracted").resolve(file));
  }
}
