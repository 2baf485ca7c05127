package dev.ironkube.provider.latitude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.FakeHttpServer.Reply;
import dev.ironkube.provider.Account;
import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.PlanOffer;
import dev.ironkube.provider.Region;
import dev.ironkube.provider.Requirement;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.provider.Server;
import dev.ironkube.provider.ServerOrder;
import dev.ironkube.provider.TalosBoot;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SPI adapter over recorded Latitude answers; every request is checked against the spec. */
class LatitudeProviderTest {
  private static final ClusterIdentity CLUSTER = new ClusterIdentity("demo");
  private static final String PUBLIC_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAItest operator@laptop";
  private static final Cassette SERVERS = Cassette.load("latitudesh-go/TestAccServerBasic.yaml");
  private static final Cassette PROJECTS =
      Cassette.load("terraform-provider-latitudesh/TestAccProject_Basic.yaml");
  private static final String RECORDED_SERVER =
      SERVERS.first("GET", "/servers/sv_LqG158rA60BOg").body();

  private final LatitudeTestRig rig = new LatitudeTestRig();
  private final LatitudeProvider provider = new LatitudeProvider(rig.client, () -> PUBLIC_KEY);

  @AfterEach
  void close() {
    try {
      OpenApiContract.assertAllValid(rig.requests());
    } finally {
      rig.close();
    }
  }

  @Test
  void authenticatesAsTheKeysOwner() {
    rig.server.replay(Cassette.load("latitudesh-go/TestAccAccountsBasic.yaml"));

    Account account = provider.authenticate();

    assertThat(account.id()).isEqualTo("user_k4ABY8xRy2clpvQkZbn3U99YdXk3");
    assertThat(account.displayName()).isEqualTo("test user <test.user@latitude.sh>");
  }

  @Test
  void listsRegionsAndStopsAtAnEmptyPage() {
    Cassette.Response page =
        Cassette.load("latitudesh-go/TestAccRegionBasic.yaml").first("GET", "/regions");
    rig.server.route(
        "GET",
        "/regions",
        r ->
            "1".equals(r.queryParam("page[number]"))
                ? CassetteServer.recorded(page)
                : Reply.json(200, "{\"data\":[],\"meta\":{}}"));

    List<Region> regions = provider.regions();

    assertThat(regions).hasSize(20).contains(new Region("ASH", "Ashburn", "United States"));
    assertThat(rig.requests()).hasSize(2);
  }

  @Test
  void offersEachPlanAtEachSiteWithStockAndHourlyPrice() {
    rig.server.replay(Cassette.load("terraform-provider-latitudesh/TestAccPlan_Basic.yaml"));
    rig.server.replay(Cassette.load("latitudesh-go/TestAccOperatingSystemBasic.yaml"));

    List<PlanOffer> offers = provider.offers();

    assertThat(offers).hasSize(22).allSatisfy(o -> assertThat(o.plan()).isEqualTo("c2-small-x86"));
    PlanOffer mia2 = offers.stream().filter(o -> o.site().equals("MIA2")).findFirst().orElseThrow();
    assertThat(mia2.inStock()).isTrue();
    assertThat(mia2.hourlyPrice()).isEqualByComparingTo(new BigDecimal("0.21"));
    assertThat(mia2.currency()).isEqualTo("USD");
    assertThat(mia2.cores()).isEqualTo(4);
    assertThat(mia2.memoryGb()).isEqualTo(32);
    assertThat(mia2.cpu()).isEqualTo("4c E-2134G 3.5GHz");
    assertThat(mia2.storage()).isEqualTo("1 x 500 GB SSD");
    assertThat(mia2.note()).isEmpty();
    assertThat(offers)
        .filteredOn(o -> List.of("ASH", "MIA", "FRA", "SYD", "BUE").contains(o.site()))
        .hasSize(5)
        .noneMatch(PlanOffer::inStock);
    assertThat(
            offers.stream()
                .filter(o -> o.site().equals("SAN3"))
                .findFirst()
                .orElseThrow()
                .hourlyPrice())
        .isEqualByComparingTo("0.22");
  }

  @Test
  void asksForPlansAndOperatingSystemsAtOnce() {
    Cassette plans = Cassette.load("terraform-provider-latitudesh/TestAccPlan_Basic.yaml");
    Cassette systems = Cassette.load("latitudesh-go/TestAccOperatingSystemBasic.yaml");
    CountDownLatch plansAsked = new CountDownLatch(1);
    rig.server.route(
        "GET",
        "/plans",
        r -> {
          plansAsked.countDown();
          return CassetteServer.recorded(plans.first("GET", "/plans"));
        });
    // Answered only once the plans were asked for too: a listing that waited for this answer
    // before asking for the plans would get a 599 here.
    rig.server.route(
        "GET",
        "/plans/operating_systems",
        r ->
            awaited(plansAsked)
                ? CassetteServer.recorded(systems.first("GET", "/plans/operating_systems"))
                : Reply.json(599, "{\"test\":\"the plans were not asked for meanwhile\"}"));

    assertThat(provider.offers()).hasSize(22);
    // One request each: a held answer that timed out would have been a 599, and been retried.
    assertThat(rig.requests()).hasSize(2);
  }

  @Test
  void aFailedPlansReadFailsTheListingWithItsOwnError() {
    rig.server.replay(Cassette.load("latitudesh-go/TestAccOperatingSystemBasic.yaml"));
    rig.server.route(
        "GET",
        "/plans",
        r -> Reply.json(403, "{\"errors\":[{\"code\":\"FORBIDDEN\",\"title\":\"no\"}]}"));

    assertThatThrownBy(provider::offers)
        .isInstanceOf(RemoteServiceException.class)
        .hasMessageContaining("/plans");
  }

  private static boolean awaited(CountDownLatch latch) {
    try {
      return latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void createsTheProjectAndTheKeyWithThePublicKey() {
    Cassette keys = Cassette.load("terraform-provider-latitudesh/TestAccSSHKey_Basic.yaml");
    rig.server.replayAt("POST", "/projects", PROJECTS.first("POST", "/projects"));
    rig.server.replayAt(
        "POST", "/ssh_keys", keys.first("POST", "/projects/proj_gXQvNedwV0zpb/ssh_keys"));
    List<Requirement> requirements = provider.requirements(CLUSTER);

    ResourceRef project = provider.create(requirements.get(0));
    ResourceRef key = provider.create(requirements.get(1));

    assertThat(project)
        .isEqualTo(new ResourceRef("project", "proj_XDO7NYy6dNPgw", "ironkube-demo"));
    assertThat(key).isEqualTo(new ResourceRef("ssh_key", "ssh_zZOo0lJgp5KQY", "ironkube-demo"));
    JsonNode projectBody =
        LatitudeTestRig.read(rig.requests().get(0).body()).at("/data/attributes");
    assertThat(projectBody.get("name").asText()).isEqualTo("ironkube-demo");
    assertThat(projectBody.get("provisioning_type").asText()).isEqualTo("on_demand");
    assertThat(projectBody.get("description").asText()).contains("ironkube").contains("demo");
    JsonNode keyBody = LatitudeTestRig.read(rig.requests().get(1).body()).at("/data/attributes");
    assertThat(keyBody.get("public_key").asText()).isEqualTo(PUBLIC_KEY);
  }

  @Test
  void ordersAServerThatBootsTalosOverIpxe() {
    Cassette created = Cassette.load("terraform-provider-latitudesh/TestAccServer_Basic.yaml");
    rig.server.replayAt("POST", "/servers", created.first("POST", "/servers"));
    TalosBoot boot =
        new TalosBoot(
            "v1.11.5",
            "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba",
            "https://pxe.factory.talos.dev/pxe/376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba/v1.11.5/metal-amd64",
            "https://factory.talos.dev/image/x/v1.11.5/metal-amd64.raw.zst");

    Server server =
        provider.order(
            new ServerOrder(CLUSTER, "demo-cp-1", "c2-small-x86", "mia2", boot),
            List.of(new ResourceRef("project", "proj_XDO7NYy6dNPgw", "ironkube-demo")));

    assertThat(server.id()).isEqualTo("sv_ZWr75Zbjr5A91");
    assertThat(server.state()).isEqualTo(Server.State.PROVISIONING);
    assertThat(server.status()).isEqualTo("starting_deploy");
    assertThat(server.ipv4()).isEqualTo("177.54.146.23");
    assertThat(server.site()).isEqualTo("MIA2");
    JsonNode attributes =
        LatitudeTestRig.read(rig.requests().getFirst().body()).at("/data/attributes");
    assertThat(attributes.get("operating_system").asText()).isEqualTo("ipxe");
    assertThat(attributes.get("ipxe").asText()).isEqualTo(boot.pxeUrl());
    assertThat(attributes.get("billing").asText()).isEqualTo("hourly");
    assertThat(attributes.get("site").asText()).isEqualTo("MIA2");
    assertThat(attributes.get("project").asText()).isEqualTo("proj_XDO7NYy6dNPgw");
    assertThat(attributes.get("plan").asText()).isEqualTo("c2-small-x86");
    assertThat(attributes.get("hostname").asText()).isEqualTo("demo-cp-1");
    assertThat(rig.requests()).hasSize(1);
  }

  @Test
  void readsAServerAndSeesADeletedOneAsAbsent() {
    Cassette tf = Cassette.load("terraform-provider-latitudesh/TestAccServer_Basic.yaml");
    var reads = tf.matching("GET", "/servers/sv_ZWr75Zbjr5A91");
    rig.server.replayAt("GET", "/servers/sv_ZWr75Zbjr5A91", reads.getFirst().response());
    rig.server.replayAt("GET", "/servers/sv_gone", reads.getLast().response());

    Server server = provider.server("sv_ZWr75Zbjr5A91").orElseThrow();

    assertThat(server.state()).isEqualTo(Server.State.ACTIVE);
    assertThat(server.hostname()).isEqualTo("test");
    assertThat(server.plan()).isEqualTo("c2-small-x86");
    assertThat(server.site()).isNotBlank();
    assertThat(provider.server("sv_gone")).isEmpty();
  }

  @Test
  void discoversServersThenFirewallThenKeyThenProject() {
    String projectDoc = renamedProject("ironkube-demo");
    rig.server.enqueue("GET", "/projects", Reply.json(200, LatitudeTestRig.listOf(projectDoc)));
    rig.server.route(
        "GET",
        "/servers",
        r ->
            Reply.json(
                200,
                r.queryParam("filter[project]") != null
                    ? LatitudeTestRig.listOf(server("sv_in_project", "demo-cp-1", "ironkube-demo"))
                    : LatitudeTestRig.listOf(
                        server("sv_in_project", "demo-cp-1", "ironkube-demo"),
                        server("sv_stray", "demo-cp-2", "Default"),
                        server("sv_other_cluster", "demo-2-cp-1", "ironkube-demo-2"),
                        server("sv_unrelated", "web-1", "Default"))));
    Cassette keys = Cassette.load("terraform-provider-latitudesh/TestAccSSHKey_Basic.yaml");
    ObjectNode key =
        (ObjectNode)
            LatitudeTestRig.read(
                keys.first("GET", "/projects/proj_gXQvNedwV0zpb/ssh_keys/ssh_zZOo0lJgp5KQY")
                    .body());
    ((ObjectNode) key.at("/data/attributes")).put("name", "ironkube-demo");
    rig.server.enqueue("GET", "/ssh_keys", Reply.json(200, LatitudeTestRig.listOf(key.toString())));
    rig.server.enqueue(
        "GET",
        "/firewalls",
        Reply.json(
            200,
            "{\"data\":[{\"id\":\"fw_1\",\"type\":\"firewalls\",\"attributes\":"
                + "{\"name\":\"ironkube-demo\",\"rules\":[]}},{\"id\":\"fw_2\",\"type\":"
                + "\"firewalls\",\"attributes\":{\"name\":\"web\",\"rules\":[]}}],\"meta\":{}}"));

    List<ResourceRef> found = provider.discover(CLUSTER);

    assertThat(found)
        .containsExactly(
            new ResourceRef("server", "sv_in_project", "demo-cp-1"),
            new ResourceRef("server", "sv_stray", "demo-cp-2"),
            new ResourceRef("firewall", "fw_1", "ironkube-demo"),
            new ResourceRef("ssh_key", "ssh_zZOo0lJgp5KQY", "ironkube-demo"),
            new ResourceRef("project", "proj_XDO7NYy6dNPgw", "ironkube-demo"));
  }

  @Test
  void deletesEachKindAndTakesAlreadyGoneAsDone() {
    String notFound =
        PROJECTS.matching("GET", "/projects/proj_XDO7NYy6dNPgw").getLast().response().body();
    rig.server
        .enqueue("DELETE", "/servers/sv_1", Reply.empty(204))
        .enqueue("DELETE", "/ssh_keys/ssh_1", Reply.json(200, "{\"meta\":{}}"))
        .enqueue("DELETE", "/projects/proj_1", Reply.empty(204))
        .enqueue("DELETE", "/servers/sv_2", Reply.json(404, notFound));

    provider.delete(new ResourceRef("server", "sv_1", "demo-cp-1"));
    provider.delete(new ResourceRef("ssh_key", "ssh_1", "ironkube-demo"));
    provider.delete(new ResourceRef("project", "proj_1", "ironkube-demo"));
    provider.delete(new ResourceRef("server", "sv_2", "demo-cp-2"));

    assertThat(rig.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "DELETE /servers/sv_1",
            "DELETE /ssh_keys/ssh_1",
            "DELETE /projects/proj_1",
            "DELETE /servers/sv_2");
    assertThat(rig.stats.writes()).isEqualTo(4);
  }

  private static String renamedProject(String name) {
    ObjectNode doc =
        (ObjectNode)
            LatitudeTestRig.read(PROJECTS.first("GET", "/projects/proj_XDO7NYy6dNPgw").body());
    ((ObjectNode) doc.get("data").get("attributes")).put("name", name);
    return doc.toString();
  }

  /** The recorded server, re-identified, so that discovery sees several. */
  private static String server(String id, String hostname, String projectName) {
    ObjectNode doc = (ObjectNode) LatitudeTestRig.read(RECORDED_SERVER);
    ObjectNode data = (ObjectNode) doc.get("data");
    data.put("id", id);
    ObjectNode attributes = (ObjectNode) data.get("attributes");
    attributes.put("hostname", hostname);
    ((ObjectNode) attributes.get("project")).put("name", projectName);
    return doc.toString();
  }
}
