package dev.ironkube.sim.latitude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.sim.SimHttp;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LatitudeResourcesTest {
  private static final String KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl sim";

  private SimulatedDatacenter dc;
  private SimHttp http;

  @BeforeEach
  void start() {
    dc = SimulatedDatacenter.builder().timeModel(TimeModel.instant()).build().start();
    http = LatitudeFixture.client(dc);
  }

  @AfterEach
  void stop() {
    dc.close();
  }

  @Test
  void regions_come_in_pages_of_20_without_links() throws Exception {
    SimHttp.Answer first = http.get("/regions");
    SimHttp.Answer second = http.get(SimHttp.q("/regions?page[number]=2&page[size]=20"));
    SimHttp.Answer third = http.get(SimHttp.q("/regions?page[number]=3"));

    assertThat(first.contentType()).isEqualTo("application/vnd.api+json; charset=utf-8");
    assertThat(first.json().get("data")).hasSize(20);
    assertThat(first.json().get("meta").isEmpty()).isTrue();
    assertThat(first.json().has("links")).isFalse();
    assertThat(second.json().get("data")).hasSize(3);
    assertThat(third.json().get("data")).isEmpty();
    List<String> slugs = new ArrayList<>();
    first.json().get("data").forEach(r -> slugs.add(r.at("/attributes/slug").asText()));
    second.json().get("data").forEach(r -> slugs.add(r.at("/attributes/slug").asText()));
    assertThat(slugs).doesNotHaveDuplicates().contains("DAL", "LAX", "SAO", "ASH", "MIA2");
    assertThat(slugs.subList(0, 20)).doesNotContain("DAL", "LAX");
  }

  @Test
  void a_wrong_key_is_401_with_an_errors_body() throws Exception {
    SimHttp.Answer answer = new SimHttp(dc.latitudeUrl(), "nope").get("/user/profile");
    SimHttp.Answer bearer =
        new SimHttp(dc.latitudeUrl(), "Bearer " + SimulatedDatacenter.LATITUDE_TEST_KEY)
            .get("/user/profile");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().at("/errors/0/code").asText()).isEqualTo("UNAUTHORIZED");
    assertThat(bearer.status()).isEqualTo(200);
    assertThat(bearer.json().at("/data/type").asText()).isEqualTo("users");
  }

  @Test
  void a_duplicate_project_name_is_the_recorded_400() throws Exception {
    LatitudeFixture.createProject(http, "twice");
    SimHttp.Answer again =
        http.post(
            "/projects",
            "{\"data\":{\"type\":\"projects\",\"attributes\":{\"name\":\"twice\","
                + "\"provisioning_type\":\"on_demand\"}}}");

    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body())
        .isEqualTo(
            "{\"errors\":[{\"code\":\"PROJECT_CREATION_ERROR\",\"status\":\"bad_request\","
                + "\"title\":\"Project Creation Error\",\"detail\":\"A project with the same name"
                + " already exists. Please use a new name.\",\"meta\":{}}]}");
  }

  @Test
  void projects_filter_by_name_and_refuse_deletion_while_holding_servers() throws Exception {
    String id = LatitudeFixture.createProject(http, "My Cluster");
    LatitudeFixture.createProject(http, "other");
    String server = LatitudeFixture.createServer(http, id, "n1").json().at("/data/id").asText();

    JsonNode found = http.get(SimHttp.q("/projects?filter[name]=My%20Cluster")).json();
    SimHttp.Answer refused = http.delete("/projects/" + id);
    http.delete("/servers/" + server);
    SimHttp.Answer deleted = http.delete("/projects/my-cluster");

    assertThat(found.get("data")).hasSize(1);
    assertThat(found.at("/data/0/attributes/slug").asText()).isEqualTo("my-cluster");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().at("/errors/0/code").asText()).isEqualTo("PROJECT_DELETION_ERROR");
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(dc.latitude().projects()).extracting(ProjectRecord::name).containsExactly("other");
  }

  @Test
  void ssh_keys_are_listed_by_project_and_deleted_with_an_empty_meta() throws Exception {
    String project = LatitudeFixture.createProject(http, "keys");
    SimHttp.Answer created =
        http.post(
            "/ssh_keys",
            "{\"data\":{\"type\":\"ssh_keys\",\"attributes\":{\"name\":\"op\",\"public_key\":\""
                + KEY
                + "\",\"project\":\""
                + project
                + "\"}}}");
    String id = created.json().at("/data/id").asText();

    JsonNode listed = http.get(SimHttp.q("/ssh_keys?filter[project]=" + project)).json();
    SimHttp.Answer deleted = http.delete("/ssh_keys/" + id);

    assertThat(created.status()).isEqualTo(201);
    assertThat(id).startsWith("ssh_");
    assertThat(created.json().at("/data/attributes/fingerprint").asText())
        .matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
    assertThat(listed.get("data")).hasSize(1);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.body()).isEqualTo("{\"meta\":{}}");
    assertThat(http.get("/ssh_keys/" + id).status()).isEqualTo(404);
    assertThat(dc.latitude().sshKeys()).isEmpty();
  }

  @Test
  void a_server_missing_an_attribute_is_422_must_be_filled() throws Exception {
    String project = LatitudeFixture.createProject(http, "validation");
    SimHttp.Answer missing =
        http.post(
            "/servers",
            "{\"data\":{\"type\":\"servers\",\"attributes\":{\"project\":\""
                + project
                + "\",\"plan\":\"c2-small-x86\",\"site\":\"MIA2\",\"operating_system\":\"ipxe\","
                + "\"ipxe\":\"http://x\"}}}");
    SimHttp.Answer noIpxe =
        http.post(
            "/servers",
            LatitudeFixture.serverBody(project, "n1", "c2-small-x86", "MIA2")
                .replace(",\"ipxe\":\"" + LatitudeFixture.IPXE + "\"", ""));

    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.json().at("/errors/0/code").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(missing.json().at("/errors/0/detail").asText()).isEqualTo("must be filled");
    assertThat(missing.json().at("/errors/0/source/pointer").asText())
        .isEqualTo("/data/attributes/hostname");
    assertThat(noIpxe.json().at("/errors/0/source/pointer").asText())
        .isEqualTo("/data/attributes/ipxe");
    assertThat(dc.requests().mutating()).hasSize(3);
  }

  @Test
  void ordering_where_the_plan_is_sold_out_is_refused_for_stock() throws Exception {
    String project = LatitudeFixture.createProject(http, "stock");
    SimHttp.Answer soldOut =
        http.post("/servers", LatitudeFixture.serverBody(project, "n1", "c2-small-x86", "FRA"));
    SimHttp.Answer noneAnywhere =
        http.post("/servers", LatitudeFixture.serverBody(project, "n2", "s3-large-x86", "ASH"));
    SimHttp.Answer noIpxe =
        http.post("/servers", LatitudeFixture.serverBody(project, "n3", "c1-tiny-x86", "ASH"));

    assertThat(soldOut.status()).isEqualTo(422);
    assertThat(soldOut.json().at("/errors/0/code").asText()).isEqualTo("INSUFFICIENT_STOCK");
    assertThat(noneAnywhere.status()).isEqualTo(422);
    assertThat(noIpxe.json().at("/errors/0/source/pointer").asText())
        .isEqualTo("/data/attributes/operating_system");
    assertThat(dc.latitude().servers()).isEmpty();
    assertThat(dc.machines().all()).isEmpty();
  }

  @Test
  void plans_report_stock_per_country_and_one_plan_has_none_anywhere() throws Exception {
    JsonNode plans = http.get("/plans").json().get("data");
    JsonNode ipxe = http.get("/plans/operating_systems").json().get("data");

    assertThat(plans.size()).isGreaterThanOrEqualTo(5);
    List<String> nowhere = new ArrayList<>();
    for (JsonNode plan : plans) {
      boolean any = false;
      for (JsonNode region : plan.at("/attributes/regions")) {
        any |= !region.at("/locations/in_stock").isEmpty();
      }
      if (!any) {
        nowhere.add(plan.at("/attributes/slug").asText());
      }
    }
    assertThat(nowhere).containsExactly("s3-large-x86");
    JsonNode filtered =
        http.get(SimHttp.q("/plans?filter[location]=FRA&filter[in_stock]=true")).json().get("data");
    assertThat(filtered)
        .extracting(p -> p.at("/attributes/slug").asText())
        .doesNotContain("c2-small-x86")
        .contains("m4-metal-small");
    JsonNode os = null;
    for (JsonNode candidate : ipxe) {
      if (candidate.at("/attributes/slug").asText().equals("ipxe")) {
        os = candidate;
      }
    }
    assertThat(os).isNotNull();
    assertThat(os.at("/attributes/provisionable_on").toString())
        .contains("c2.small.x86")
        .doesNotContain("c1.tiny.x86");
  }
}
