package dev.ironkube.provider.latitude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.http.FakeHttpServer.Recorded;
import dev.ironkube.http.FakeHttpServer.Reply;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real Latitude responses, recorded by Latitude's own SDK and Terraform tests, replayed into the
 * client. After each test every request the client sent is checked against the OpenAPI spec.
 */
class LatitudeClientReplayTest {
  private final LatitudeTestRig rig = new LatitudeTestRig();
  private final CassetteServer server = rig.server;
  private final LatitudeClient client = rig.client;

  @AfterEach
  void everyRequestFollowsTheContract() {
    try {
      OpenApiContract.assertAllValid(rig.requests());
    } finally {
      rig.close();
    }
  }

  @Test
  void profileProvesTheKeyAndSendsAuthAndVersionHeaders() {
    server.replay(Cassette.load("latitudesh-go/TestAccAccountsBasic.yaml"));

    LatResource<LatProfile> profile = client.profile();

    assertThat(profile.id()).isEqualTo("user_k4ABY8xRy2clpvQkZbn3U99YdXk3");
    assertThat(profile.attributes().email()).isEqualTo("test.user@latitude.sh");
    Recorded sent = rig.requests().getFirst();
    assertThat(sent.header("Authorization")).isEqualTo("Bearer " + LatitudeTestRig.API_KEY);
    assertThat(sent.header("API-Version")).isEqualTo("2023-06-01");
  }

  @Test
  void readsRegionsAcrossPagesUntilAShortPage() {
    Cassette.Response firstPage =
        Cassette.load("latitudesh-go/TestAccRegionBasic.yaml").first("GET", "/regions");
    // No recording holds page 2; these two sites are the ones the reference notes page 1 lacks.
    String secondPage =
        """
        {"data":[
          {"id":"loc_test_dal","type":"regions","attributes":{"name":"Dallas","slug":"DAL","facility":"test","country":{"name":"United States","slug":"united-states"},"type":"Core"}},
          {"id":"loc_test_lax","type":"regions","attributes":{"name":"Los Angeles","slug":"LAX","facility":"test","country":{"name":"United States","slug":"united-states"},"type":"Core"}}
        ],"meta":{}}""";
    server.route(
        "GET",
        "/regions",
        r ->
            "1".equals(r.queryParam("page[number]"))
                ? CassetteServer.recorded(firstPage)
                : Reply.json(200, secondPage));

    List<LatResource<LatRegion>> regions = client.regions();

    assertThat(regions).hasSize(22);
    assertThat(regions.getFirst().attributes().slug()).isEqualTo("SYD2");
    assertThat(regions.getFirst().attributes().country().name()).isEqualTo("Australia");
    assertThat(regions)
        .extracting(r -> r.attributes().slug())
        .contains("ASH", "MIA2", "DAL", "LAX");
    assertThat(rig.requests())
        .extracting(r -> r.queryParam("page[number]") + "/" + r.queryParam("page[size]"))
        .containsExactly("1/20", "2/20");
  }

  @Test
  void plansCarryPerCountryStockAndHourlyPrices() {
    server.replay(Cassette.load("terraform-provider-latitudesh/TestAccPlan_Basic.yaml"));

    List<LatResource<LatPlan>> plans = client.plans();

    assertThat(plans).hasSize(1);
    LatPlan plan = plans.getFirst().attributes();
    assertThat(plan.slug()).isEqualTo("c2-small-x86");
    assertThat(plan.name()).isEqualTo("c2.small.x86");
    assertThat(plan.specs().cpu().cores()).isEqualTo(4);
    assertThat(plan.specs().memory().total()).isEqualTo(32);
    LatPlan.CountryOffer us =
        plan.countries().stream()
            .filter(c -> c.name().equals("United States"))
            .findFirst()
            .orElseThrow();
    assertThat(us.locations().available()).contains("ASH", "MIA");
    assertThat(us.locations().inStock()).containsExactly("CHI", "DAL", "MIA2", "LAX", "NYC");
    assertThat(us.pricing().get("USD").hour()).isEqualByComparingTo(new BigDecimal("0.21"));
    LatPlan.CountryOffer germany =
        plan.countries().stream().filter(c -> c.name().equals("Germany")).findFirst().orElseThrow();
    assertThat(germany.stockLevel()).isEqualTo("unavailable");
    assertThat(germany.locations().inStock()).isEmpty();
  }

  @Test
  void operatingSystemsSayWhichPlansCanBootIpxe() {
    server.replay(Cassette.load("latitudesh-go/TestAccOperatingSystemBasic.yaml"));

    List<LatResource<LatOperatingSystem>> systems = client.operatingSystems();

    assertThat(systems).hasSize(13);
    LatOperatingSystem ipxe =
        systems.stream()
            .map(LatResource::attributes)
            .filter(o -> o.slug().equals("ipxe"))
            .findFirst()
            .orElseThrow();
    assertThat(ipxe.name()).isEqualTo("Custom image (iPXE)");
    assertThat(ipxe.plans()).contains("c2.small.x86", "m4.metal.small");
  }

  @Test
  void createsAServerReadsItDeletesItAndThenSeesItGone() {
    Cassette cassette = Cassette.load("terraform-provider-latitudesh/TestAccServer_Basic.yaml");
    String path = "/servers/sv_ZWr75Zbjr5A91";
    List<Cassette.Interaction> reads = cassette.matching("GET", path);
    server.replayAt("POST", "/servers", cassette.first("POST", "/servers"));
    server.replayAt("GET", path, reads.getFirst().response());
    server.replayAt("GET", path, reads.getLast().response());
    server.replayAt("DELETE", path, cassette.first("DELETE", path));

    LatResource<LatServer> created =
        client.createServer(
            new LatNewServer(
                "proj_test",
                "c2-small-x86",
                "SAO",
                "ipxe",
                "https://pxe.example/pxe/abc/v1.11.5/metal-amd64",
                "test",
                "hourly"));
    assertThat(created.id()).isEqualTo("sv_ZWr75Zbjr5A91");
    assertThat(created.attributes().status()).isEqualTo("starting_deploy");
    assertThat(created.attributes().primaryIpv4()).isEqualTo("177.54.146.23");
    assertThat(created.attributes().planSlug()).isEqualTo("c2-small-x86");

    LatServer read = client.server(created.id()).orElseThrow().attributes();
    assertThat(read.status()).isEqualTo("on");
    assertThat(read.hostname()).isEqualTo("test");
    assertThat(read.siteSlug()).isNotBlank();

    client.deleteServer(created.id());
    assertThat(client.server(created.id())).isEmpty();

    Recorded create = rig.requests().getFirst();
    assertThat(LatitudeTestRig.read(create.body()).at("/data/attributes/operating_system").asText())
        .isEqualTo("ipxe");
    assertThat(rig.requests())
        .extracting(Recorded::method)
        .containsExactly("POST", "GET", "DELETE", "GET");
  }

  @Test
  void deletingAServerThatIsAlreadyGoneSucceeds() {
    Cassette cassette = Cassette.load("terraform-provider-latitudesh/TestAccServer_Basic.yaml");
    List<Cassette.Interaction> reads = cassette.matching("GET", "/servers/sv_ZWr75Zbjr5A91");
    server.replayAt("DELETE", "/servers/sv_gone", reads.getLast().response());

    client.deleteServer("sv_gone");

    assertThat(rig.requests()).hasSize(1);
  }

  @Test
  void listsTheServersOfAProject() {
    server.replay(Cassette.load("latitudesh-go/TestAccServerBasic.yaml"));

    List<LatResource<LatServer>> servers = client.servers("proj_XDO7NYyZ1NPgw", null);

    assertThat(servers).extracting(LatResource::id).containsExactly("sv_LqG158rA60BOg");
    LatServer server = servers.getFirst().attributes();
    assertThat(server.hostname()).isEqualTo("testrand");
    assertThat(server.primaryIpv4()).isEqualTo("177.54.145.86");
    assertThat(server.project().id()).isEqualTo("proj_XDO7NYyZ1NPgw");
    assertThat(rig.requests().getFirst().queryParam("filter[project]"))
        .isEqualTo("proj_XDO7NYyZ1NPgw");
  }

  @Test
  void createsAnOnDemandProjectAndDeletesIt() {
    server.replay(Cassette.load("terraform-provider-latitudesh/TestAccProject_Basic.yaml"));

    LatResource<LatProject> project = client.createProject("test", "hello");
    client.deleteProject(project.id());

    assertThat(project.id()).isEqualTo("proj_XDO7NYy6dNPgw");
    assertThat(project.attributes().slug()).isEqualTo("test");
    var attributes = LatitudeTestRig.read(rig.requests().getFirst().body()).at("/data/attributes");
    assertThat(attributes.get("provisioning_type").asText()).isEqualTo("on_demand");
    assertThat(attributes.get("description").asText()).isEqualTo("hello");
    assertThat(rig.requests().get(1).method()).isEqualTo("DELETE");
  }

  @Test
  void aDuplicateProjectNameFindsTheExistingProject() {
    Cassette duplicate =
        Cassette.load("terraform-provider-latitudesh/TestAccLatitudeFirewallAssignment_Basic.yaml");
    Cassette projects = Cassette.load("terraform-provider-latitudesh/TestAccProject_Basic.yaml");
    server.replayAt("POST", "/projects", duplicate.first("POST", "/projects"));
    server.enqueue(
        "GET",
        "/projects",
        Reply.json(
            200,
            LatitudeTestRig.listOf(projects.first("GET", "/projects/proj_XDO7NYy6dNPgw").body())));

    LatResource<LatProject> project = client.createProject("test", "hello");

    assertThat(project.id()).isEqualTo("proj_XDO7NYy6dNPgw");
    assertThat(rig.requests().get(1).queryParam("filter[name]")).isEqualTo("test");
  }

  @Test
  void findsCreatesAndDeletesTeamSshKeys() {
    Cassette keys = Cassette.load("terraform-provider-latitudesh/TestAccSSHKey_Basic.yaml");
    String recordedPath = "/projects/proj_gXQvNedwV0zpb/ssh_keys";
    String keyPath = recordedPath + "/ssh_zZOo0lJgp5KQY";
    // Recorded on the project-scoped endpoints, which answer with the same shapes.
    server.replayAt("POST", "/ssh_keys", keys.first("POST", recordedPath));
    server.enqueue(
        "GET",
        "/ssh_keys",
        Reply.json(200, LatitudeTestRig.listOf(keys.first("GET", keyPath).body())));
    server.replayAt("DELETE", "/ssh_keys/ssh_zZOo0lJgp5KQY", keys.first("DELETE", keyPath));

    LatResource<LatSshKey> created =
        client.createSshKey("test", "ssh-ed25519 AAAAC3test ops@example", null);
    assertThat(created.id()).isEqualTo("ssh_zZOo0lJgp5KQY");
    assertThat(client.findSshKey("test")).map(LatResource::id).contains("ssh_zZOo0lJgp5KQY");
    assertThat(client.findSshKey("other")).isEmpty();
    client.deleteSshKey(created.id());

    assertThat(
            LatitudeTestRig.read(rig.requests().getFirst().body())
                .at("/data/attributes/public_key")
                .asText())
        .startsWith("ssh-ed25519");
  }
}
