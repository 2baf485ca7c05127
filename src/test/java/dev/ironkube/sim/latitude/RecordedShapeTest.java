package dev.ironkube.sim.latitude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.sim.SimHttp;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fake answers in the shapes of the recorded real traffic: the same top-level keys, the same
 * resource keys and the same attribute names (and the nested blocks a client reads).
 */
class RecordedShapeTest {
  private static final String TF = "terraform-provider-latitudesh/";
  private static final String GO = "latitudesh-go/";
  private static SimulatedDatacenter dc;
  private static SimHttp http;
  private static String project;

  @BeforeAll
  static void start() throws Exception {
    dc = SimulatedDatacenter.builder().timeModel(TimeModel.instant()).build().start();
    http = LatitudeFixture.client(dc);
    project = LatitudeFixture.createProject(http, "shapes");
  }

  @AfterAll
  static void stop() {
    dc.close();
  }

  @Test
  void server_create_and_read_have_the_recorded_shapes() throws Exception {
    Cassette cassette = Cassette.load(TF + "TestAccServer_Basic.yaml");
    JsonNode created = LatitudeFixture.createServer(http, project, "shape-1").json();
    JsonNode read = http.get("/servers/" + created.at("/data/id").asText()).json();

    sameShape(cassette.find("POST", "/servers", 201).json(), created);
    JsonNode recorded = cassette.find("GET", "/servers/sv_\\w+", 200).json();
    sameShape(recorded, read);
    for (String block :
        List.of(
            "region",
            "region/site",
            "plan",
            "operating_system",
            "specs",
            "operating_system/features",
            "operating_system/distro")) {
      assertThat(keys(read.at("/data/attributes/" + block)))
          .as(block)
          .isEqualTo(keys(recorded.at("/data/attributes/" + block)));
    }
    assertThat(keys(read.at("/data/attributes/project")))
        .isEqualTo(keys(recorded.at("/data/attributes/project")));
    JsonNode list = http.get(SimHttp.q("/servers?filter[project]=" + project)).json();
    JsonNode recordedList =
        Cassette.load(GO + "TestAccServerBasic.yaml").find("GET", "/servers", 200).json();
    assertThat(keys(list)).isEqualTo(keys(recordedList));
    assertThat(keys(list.at("/data/0"))).isEqualTo(keys(recordedList.at("/data/0")));
  }

  @Test
  void a_server_read_after_delete_is_the_recorded_404() throws Exception {
    Cassette cassette = Cassette.load(TF + "TestAccServer_Basic.yaml");
    String id =
        LatitudeFixture.createServer(http, project, "shape-2").json().at("/data/id").asText();

    SimHttp.Answer deleted = http.delete("/servers/" + id);
    SimHttp.Answer after = http.get("/servers/" + id);

    assertThat(deleted.status())
        .isEqualTo(cassette.find("DELETE", "/servers/sv_\\w+", 204).status());
    assertThat(after.json()).isEqualTo(cassette.find("GET", "/servers/sv_\\w+", 404).json());
  }

  @Test
  void project_create_and_duplicate_have_the_recorded_shapes() throws Exception {
    JsonNode recorded =
        Cassette.load(TF + "TestAccProject_Basic.yaml").find("POST", "/projects", 201).json();
    SimHttp.Answer created =
        http.post(
            "/projects",
            "{\"data\":{\"type\":\"projects\",\"attributes\":{\"name\":\"dup\","
                + "\"provisioning_type\":\"on_demand\",\"description\":\"hello\","
                + "\"environment\":\"Development\"}}}");
    SimHttp.Answer duplicate =
        http.post(
            "/projects",
            "{\"data\":{\"type\":\"projects\",\"attributes\":{\"name\":\"dup\","
                + "\"provisioning_type\":\"on_demand\"}}}");

    sameShape(recorded, created.json());
    for (String block : List.of("billing", "team", "stats")) {
      assertThat(keys(created.json().at("/data/attributes/" + block)))
          .as(block)
          .isEqualTo(keys(recorded.at("/data/attributes/" + block)));
    }
    assertThat(duplicate.json())
        .isEqualTo(
            Cassette.load(TF + "TestAccLatitudeFirewallAssignment_Basic.yaml")
                .find("POST", "/projects", 400)
                .json());
  }

  @Test
  void ssh_key_create_and_delete_have_the_recorded_shapes() throws Exception {
    Cassette cassette = Cassette.load(TF + "TestAccSSHKey_Basic.yaml");
    SimHttp.Answer created =
        http.post(
            "/ssh_keys",
            "{\"data\":{\"type\":\"ssh_keys\",\"attributes\":{\"name\":\"k\",\"public_key\":"
                + "\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\"}}}");
    SimHttp.Answer deleted = http.delete("/ssh_keys/" + created.json().at("/data/id").asText());

    JsonNode recorded = cassette.find("POST", "/ssh_keys", 201).json();
    sameShape(recorded, created.json());
    assertThat(keys(created.json().at("/data/attributes/user")))
        .isEqualTo(keys(recorded.at("/data/attributes/user")));
    assertThat(deleted.json()).isEqualTo(cassette.find("DELETE", "/ssh_keys/ssh_\\w+", 200).json());
  }

  @Test
  void plans_regions_systems_and_profile_have_the_recorded_shapes() throws Exception {
    JsonNode recordedPlans =
        Cassette.load(TF + "TestAccPlan_Basic.yaml").find("GET", "/plans", 200).json();
    JsonNode plans = http.get(SimHttp.q("/plans?filter[name]=c2.small.x86")).json();
    sameShape(recordedPlans, plans);
    for (String block :
        List.of(
            "specs",
            "specs/cpu",
            "regions/0",
            "regions/0/locations",
            "regions/0/pricing",
            "regions/0/pricing/USD")) {
      assertThat(keys(plans.at("/data/0/attributes/" + block)))
          .as(block)
          .isEqualTo(keys(recordedPlans.at("/data/0/attributes/" + block)));
    }
    assertThat(plans.at("/data/0/attributes/regions").size())
        .isEqualTo(recordedPlans.at("/data/0/attributes/regions").size());

    sameShape(
        Cassette.load(GO + "TestAccRegionBasic.yaml").find("GET", "/regions", 200).json(),
        http.get("/regions").json());
    sameShape(
        Cassette.load(GO + "TestAccOperatingSystemBasic.yaml")
            .find("GET", "/plans/operating_systems", 200)
            .json(),
        http.get("/plans/operating_systems").json());
    JsonNode recordedProfile =
        Cassette.load(GO + "TestAccAccountsBasic.yaml").find("GET", "/user/profile", 200).json();
    JsonNode profile = http.get("/user/profile").json();
    sameShape(recordedProfile, profile);
    assertThat(keys(profile.at("/data/attributes/role")))
        .isEqualTo(keys(recordedProfile.at("/data/attributes/role")));
  }

  /** Same document keys, resource keys and attribute names; lists compare their first item. */
  private static void sameShape(JsonNode recorded, JsonNode actual) {
    assertThat(keys(actual)).as("document keys").isEqualTo(keys(recorded));
    JsonNode want =
        recorded.get("data").isArray() ? recorded.get("data").get(0) : recorded.get("data");
    JsonNode have = actual.get("data").isArray() ? actual.get("data").get(0) : actual.get("data");
    assertThat(keys(have)).as("resource keys").isEqualTo(keys(want));
    assertThat(have.get("type")).isEqualTo(want.get("type"));
    assertThat(have.get("id").asText()).startsWith(want.get("id").asText().replaceAll("_.*", "_"));
    assertThat(keys(have.get("attributes")))
        .as("attribute names")
        .isEqualTo(keys(want.get("attributes")));
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
