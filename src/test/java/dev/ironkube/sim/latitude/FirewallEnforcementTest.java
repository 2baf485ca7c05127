package dev.ironkube.sim.latitude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.access.Probes;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.SimHttp;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.sim.talos.TalosNodeFake;
import dev.ironkube.sim.talos.TalosNodes;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Latitude firewall assigned to a server closes its Talos node to everyone its rules do not let
 * in, in maintenance mode too, where Talos itself filters nothing; removing the assignment opens it
 * again. The operator is 127.0.0.1, a stranger 127.0.0.3, as in the node firewall tests.
 */
class FirewallEnforcementTest {
  private static final String OPERATOR = "127.0.0.1";
  private static final String STRANGER = "127.0.0.3";

  private TalosNodes nodes;
  private SimulatedDatacenter dc;
  private SimHttp http;
  private String project;
  private String serverId;
  private TalosNodeFake node;

  @BeforeEach
  void boot() throws Exception {
    nodes = new TalosNodes(TimeModel.instant(), Faults.none());
    dc =
        SimulatedDatacenter.builder()
            .timeModel(TimeModel.instant())
            .listener(nodes)
            .build()
            .start();
    http = LatitudeFixture.client(dc);
    project = LatitudeFixture.createProject(http, "fw");
    serverId =
        LatitudeFixture.createServer(http, project, "fw-cp-1").json().at("/data/id").asText();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (nodes.node(serverId).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    node = nodes.node(serverId).orElseThrow();
    assertThat(node.mode()).isEqualTo(TalosNodeFake.Mode.MAINTENANCE);
  }

  @AfterEach
  void stop() {
    dc.close();
    nodes.close();
  }

  private boolean answers(String from) {
    return Probes.answers(from, node.address().getHostAddress(), node.port());
  }

  private boolean silent(String from) {
    return Probes.silent(from, node.address().getHostAddress(), node.port());
  }

  private String createFirewall(String operator) throws Exception {
    SimHttp.Answer created =
        http.post(
            "/firewalls",
            "{\"data\":{\"type\":\"firewalls\",\"attributes\":{\"name\":\"ironkube-fw\","
                + "\"project\":\""
                + project
                + "\",\"rules\":[{\"from\":\""
                + operator
                + "\",\"to\":\"ANY\",\"protocol\":\"TCP\",\"port\":\"50000\"},"
                + "{\"from\":\"ANY\",\"to\":\"ANY\",\"protocol\":\"TCP\",\"port\":\"1-49999\"}]}}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().at("/data/attributes/rules/0/port").asText()).isEqualTo("22");
    assertThat(created.json().at("/data/attributes/rules/0/default").asBoolean()).isTrue();
    return created.json().at("/data/id").asText();
  }

  private SimHttp.Answer assign(String firewall) throws Exception {
    return http.post(
        "/firewalls/" + firewall + "/assignments",
        "{\"data\":{\"type\":\"firewall_assignments\",\"attributes\":{\"server_id\":\""
            + serverId
            + "\"}}}");
  }

  @Test
  void anAssignedFirewallLetsOnlyItsSourcesReachTheMaintenanceApi() throws Exception {
    assertThat(answers(STRANGER)).as("maintenance mode without a firewall").isTrue();
    String firewall = createFirewall(OPERATOR + "/32");

    SimHttp.Answer assigned = assign(firewall);
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
    assertThat(answers(OPERATOR)).as("the operator").isTrue();
    assertThat(silent(STRANGER)).as("a stranger").isTrue();
    assertThat(assign(firewall).status()).as("assigned twice").isEqualTo(422);

    String assignment = assigned.json().at("/data/id").asText();
    assertThat(http.delete("/firewalls/" + firewall + "/assignments/" + assignment).status())
        .isEqualTo(204);
    assertThat(answers(STRANGER)).as("after the assignment is removed").isTrue();
    assertThat(http.delete("/firewalls/" + firewall + "/assignments/" + assignment).status())
        .isEqualTo(404);
  }

  @Test
  void deletingTheFirewallOrTheServerEndsTheAssignment() throws Exception {
    String firewall = createFirewall(OPERATOR);
    assign(firewall);
    assertThat(silent(STRANGER)).isTrue();
    assertThat(http.delete("/projects/" + project).status())
        .as("a project still holding a firewall")
        .isEqualTo(422);

    assertThat(http.delete("/firewalls/" + firewall).status()).isEqualTo(204);
    assertThat(answers(STRANGER)).isTrue();
    assertThat(dc.latitude().firewallAssignments()).isEmpty();

    assign(createFirewall(OPERATOR));
    assertThat(http.delete("/servers/" + serverId).status()).isEqualTo(204);
    assertThat(dc.latitude().firewallAssignments()).isEmpty();
  }

  @Test
  void rulesTheSpecDoesNotAllowAreRefused() throws Exception {
    SimHttp.Answer icmp =
        http.post(
            "/firewalls",
            "{\"data\":{\"type\":\"firewalls\",\"attributes\":{\"name\":\"x\",\"project\":\""
                + project
                + "\",\"rules\":[{\"from\":\"ANY\",\"to\":\"server\",\"protocol\":\"TCP\","
                + "\"port\":\"22\"}]}}}");
    assertThat(icmp.status()).isEqualTo(422);
    assertThat(icmp.body()).contains("to must be");
  }
}
