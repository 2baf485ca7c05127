package dev.ironkube.provider.latitude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ironkube.http.FakeHttpServer.Reply;
import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.NetworkGuard;
import dev.ironkube.provider.ResourceRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The maintenance firewall over the answers Latitude's spec gives as examples (no firewall traffic
 * was recorded); every request sent is checked against the spec.
 */
class LatitudeFirewallTest {
  private static final ClusterIdentity CLUSTER = new ClusterIdentity("demo");
  private static final JsonNode SPEC = spec();
  private static final String PROJECTS =
      Cassette.load("terraform-provider-latitudesh/TestAccProject_Basic.yaml")
          .first("GET", "/projects/proj_XDO7NYy6dNPgw")
          .body();

  private final LatitudeTestRig rig = new LatitudeTestRig();
  private final LatitudeProvider provider = new LatitudeProvider(rig.client, () -> "unused");
  private final NetworkGuard guard = provider.networkGuard().orElseThrow();

  @AfterEach
  void close() {
    try {
      OpenApiContract.assertAllValid(rig.requests());
    } finally {
      rig.close();
    }
  }

  private static JsonNode spec() {
    try {
      return new YAMLMapper().readTree(Contracts.latitude().resolve("openapi.yaml").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The spec's example answer of one operation. */
  private static String example(String path, String method, String status, String name) {
    return SPEC.path("paths")
        .path(path)
        .path(method)
        .path("responses")
        .path(status)
        .path("content")
        .path("application/vnd.api+json")
        .path("examples")
        .path(name)
        .path("value")
        .toString();
  }

  private static String named(String example, String name) {
    var doc = (ObjectNode) LatitudeTestRig.read(example);
    ((ObjectNode) doc.at("/data/attributes")).put("name", name);
    return doc.toString();
  }

  private void projectNamed(String name) {
    var doc = (ObjectNode) LatitudeTestRig.read(PROJECTS);
    ((ObjectNode) doc.at("/data/attributes")).put("name", name);
    rig.server.enqueue("GET", "/projects", Reply.json(200, LatitudeTestRig.listOf(doc.toString())));
  }

  @Test
  void createsAFirewallThatNarrowsOnlyTheTalosApiToTheOperator() {
    projectNamed("ironkube-demo");
    rig.server.enqueue(
        "POST", "/firewalls", Reply.json(201, example("/firewalls", "post", "201", "Created")));

    ResourceRef firewall = guard.create(CLUSTER, List.of("203.0.113.7/32", "2001:db8::7/128"));

    assertThat(firewall)
        .isEqualTo(new ResourceRef("firewall", "fw_w5AEmq7XDBkWX", "ironkube-demo"));
    JsonNode attributes =
        LatitudeTestRig.read(rig.requests().getLast().body()).at("/data/attributes");
    assertThat(attributes.get("name").asText()).isEqualTo("ironkube-demo");
    assertThat(attributes.get("project").asText()).isEqualTo("proj_XDO7NYy6dNPgw");
    List<String> rules = new ArrayList<>();
    attributes
        .get("rules")
        .forEach(
            r ->
                rules.add(
                    r.get("from").asText()
                        + ">"
                        + r.get("to").asText()
                        + " "
                        + r.get("protocol").asText()
                        + "/"
                        + r.get("port").asText()));
    assertThat(rules)
        .containsExactly(
            "203.0.113.7/32>ANY TCP/50000",
            "2001:db8::7/128>ANY TCP/50000",
            "ANY>ANY TCP/1-49999",
            "ANY>ANY TCP/50001-65535",
            "ANY>ANY UDP/1-65535");
    assertThat(guard.guardedPorts()).containsExactly(50000);
  }

  @Test
  void findsTheFirewallByItsExactMarkerName() {
    String listed = example("/firewalls/{firewall_id}", "get", "200", "Success");
    rig.server.enqueue(
        "GET",
        "/firewalls",
        Reply.json(
            200,
            LatitudeTestRig.listOf(
                named(listed, "ironkube-demo-2"), named(listed, "ironkube-demo"))));

    assertThat(guard.find(CLUSTER))
        .contains(new ResourceRef("firewall", "fw_6A05EdQ1dvKYQ", "ironkube-demo"));
    assertThat(guard.find(new ClusterIdentity("other"))).isEmpty();
  }

  @Test
  void assignsAServerReadingTheWrappedAnswerAndFindsTheAssignmentAgain() {
    String path = "/firewalls/fw_Ee8pKq05DWAob/assignments";
    rig.server.enqueue(
        "POST",
        path,
        Reply.json(201, example("/firewalls/{firewall_id}/assignments", "post", "201", "Created")));
    rig.server.enqueue(
        "GET",
        path,
        Reply.json(200, example("/firewalls/{firewall_id}/assignments", "get", "200", "Success")));
    ResourceRef firewall = new ResourceRef("firewall", "fw_Ee8pKq05DWAob", "ironkube-demo");

    ResourceRef assigned = guard.assign(firewall, "sv_aKXgRdR3qv9k5");
    var found = guard.findAssignment(firewall, "sv_m5xyZOnNOWM0l");

    assertThat(assigned)
        .isEqualTo(
            new ResourceRef(
                "firewall_assignment", "fw_Ee8pKq05DWAob/fwasg_6VE1Wd37dXnZJ", "sv_aKXgRdR3qv9k5"));
    assertThat(found)
        .contains(
            new ResourceRef(
                "firewall_assignment", "fw_Ee8pKq05DWAob/fwasg_ez2A3DVldnawP", "sv_m5xyZOnNOWM0l"));
    assertThat(guard.findAssignment(firewall, "sv_elsewhere")).isEmpty();
    JsonNode body = LatitudeTestRig.read(rig.requests().getFirst().body());
    assertThat(body.at("/data/type").asText()).isEqualTo("firewall_assignments");
    assertThat(body.at("/data/attributes/server_id").asText()).isEqualTo("sv_aKXgRdR3qv9k5");
  }

  @Test
  void deletesTheAssignmentThenTheFirewallAndTakesAlreadyGoneAsDone() {
    String notFound = "{\"errors\":[{\"code\":\"not_found\",\"status\":\"404\"}]}";
    rig.server
        .enqueue("DELETE", "/firewalls/fw_1/assignments/fwasg_1", Reply.empty(204))
        .enqueue("DELETE", "/firewalls/fw_1", Reply.empty(204))
        .enqueue("DELETE", "/firewalls/fw_2", Reply.json(404, notFound));

    provider.delete(new ResourceRef("firewall_assignment", "fw_1/fwasg_1", "sv_1"));
    provider.delete(new ResourceRef("firewall", "fw_1", "ironkube-demo"));
    provider.delete(new ResourceRef("firewall", "fw_2", "ironkube-demo"));

    assertThat(rig.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "DELETE /firewalls/fw_1/assignments/fwasg_1",
            "DELETE /firewalls/fw_1",
            "DELETE /firewalls/fw_2");
  }
}
