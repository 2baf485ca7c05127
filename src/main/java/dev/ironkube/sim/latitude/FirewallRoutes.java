package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.net.Cidr;
import dev.ironkube.sim.ProviderFirewall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /firewalls} and their assignments, in the spec's shapes (no traffic was recorded): list
 * (filter by project), create, get, delete; assign a server, list and delete assignments.
 *
 * <p>Enforcement follows the spec's rule model: rules only let traffic in (they carry no action),
 * every firewall starts with the seeded SSH rule, and a server behind one or more firewalls admits
 * a new TCP connection only when some rule of one of them matches it. The machine's listeners see
 * that through {@link dev.ironkube.sim.SimMachine#providerFirewall}, updated on every change.
 * Deleting a firewall or a server ends their assignments. What the real API answers to assigning a
 * server twice is not documented; the fake answers 422.
 */
final class FirewallRoutes {
  private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP");
  private static final Pattern PORT = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");

  private final LatitudeState state;
  private final Ids ids;

  FirewallRoutes(LatitudeState state, Ids ids) {
    this.state = state;
    this.ids = ids;
  }

  Reply list(LatitudeRequest request) {
    return ProjectScoped.list(
        request, state, state.firewalls.values(), FirewallRecord::projectId, this::toJson);
  }

  Reply create(LatitudeRequest request) {
    JsonNode body = request.json();
    if (body == null) {
      return Reply.of(400, JsonApi.error("BAD_REQUEST", "400", "Bad Request", "invalid JSON"));
    }
    ObjectNode attributes = JsonApi.attributes(body);
    String name = JsonApi.text(attributes, "name");
    if (name == null) {
      return JsonApi.mustBeFilled("name");
    }
    String projectRef = JsonApi.text(attributes, "project");
    if (projectRef == null) {
      return JsonApi.mustBeFilled("project");
    }
    ProjectRecord project = state.project(projectRef).orElse(null);
    if (project == null) {
      return JsonApi.notFound();
    }
    List<FirewallRecord.Rule> rules = new ArrayList<>();
    rules.add(FirewallRecord.Rule.ssh());
    for (JsonNode rule : attributes.path("rules")) {
      String problem = problem(rule);
      if (problem != null) {
        return JsonApi.invalid("rules", problem);
      }
      Matcher port = PORT.matcher(rule.path("port").asText());
      port.matches();
      int low = Integer.parseInt(port.group(1));
      int high = port.group(2) == null ? low : Integer.parseInt(port.group(2));
      String description =
          rule.path("description").isTextual() ? rule.get("description").asText() : null;
      rules.add(
          new FirewallRecord.Rule(
              rule.path("from").asText(),
              rule.path("to").asText(),
              rule.path("protocol").asText(),
              low,
              high,
              false,
              description));
    }
    FirewallRecord firewall =
        new FirewallRecord(ids.next("fw"), name, project.id(), rules, JsonApi.now());
    state.firewalls.put(firewall.id(), firewall);
    return Reply.of(201, JsonApi.single(toJson(firewall)));
  }

  /** Why a rule is refused, or null: from/to must be ANY, an address or a CIDR, and so on. */
  private static String problem(JsonNode rule) {
    for (String field : List.of("from", "to")) {
      String value = rule.path(field).asText("");
      if (!value.equals("ANY")) {
        if (Cidr.parseMasking(value).isEmpty()) {
          return field + " must be an IP address, a CIDR or ANY";
        }
      }
    }
    if (!PROTOCOLS.contains(rule.path("protocol").asText(""))) {
      return "protocol must be one of: TCP, UDP";
    }
    Matcher port = PORT.matcher(rule.path("port").asText(""));
    if (!port.matches()) {
      return "port must be a number or a range like 80-443";
    }
    int low = Integer.parseInt(port.group(1));
    int high = port.group(2) == null ? low : Integer.parseInt(port.group(2));
    if (low < 1 || high > 65535 || low > high) {
      return "port must be within 1-65535";
    }
    return null;
  }

  Reply get(LatitudeRequest request) {
    FirewallRecord firewall = state.firewalls.get(request.pathId());
    return firewall == null ? JsonApi.notFound() : Reply.of(200, JsonApi.single(toJson(firewall)));
  }

  Reply delete(LatitudeRequest request) {
    FirewallRecord firewall = state.firewalls.remove(request.pathId());
    if (firewall == null) {
      return JsonApi.notFound();
    }
    List<AssignmentRecord> ended =
        state.assignments.values().stream()
            .filter(a -> a.firewallId().equals(firewall.id()))
            .toList();
    ended.forEach(a -> state.assignments.remove(a.id()));
    ended.forEach(a -> enforce(state, a.serverId()));
    return Reply.noContent();
  }

  Reply assign(LatitudeRequest request) {
    FirewallRecord firewall = state.firewalls.get(request.pathId());
    JsonNode body = request.json();
    if (firewall == null) {
      return JsonApi.notFound();
    }
    if (body == null) {
      return Reply.of(400, JsonApi.error("BAD_REQUEST", "400", "Bad Request", "invalid JSON"));
    }
    String serverId = JsonApi.text(JsonApi.attributes(body), "server_id");
    if (serverId == null) {
      return JsonApi.mustBeFilled("server_id");
    }
    SimServer server = state.servers.get(serverId);
    if (server == null) {
      return JsonApi.notFound();
    }
    boolean already =
        state.assignments.values().stream()
            .anyMatch(a -> a.firewallId().equals(firewall.id()) && a.serverId().equals(serverId));
    if (already) {
      return JsonApi.invalid("server_id", "the server is already assigned to this firewall");
    }
    AssignmentRecord assignment = new AssignmentRecord(ids.next("fwasg"), firewall.id(), serverId);
    state.assignments.put(assignment.id(), assignment);
    enforce(state, serverId);
    return Reply.of(201, JsonApi.single(toJson(assignment, server)));
  }

  Reply assignments(LatitudeRequest request) {
    Page page = Page.of(request.query());
    if (page == null) {
      return JsonApi.invalid("page", "page parameters must be positive integers");
    }
    if (!state.firewalls.containsKey(request.pathId())) {
      return JsonApi.notFound();
    }
    List<ObjectNode> matching =
        state.assignments.values().stream()
            .filter(a -> a.firewallId().equals(request.pathId()))
            .map(a -> toJson(a, state.servers.get(a.serverId())))
            .toList();
    return Reply.of(200, JsonApi.list(page.slice(matching)));
  }

  Reply unassign(LatitudeRequest request) {
    AssignmentRecord assignment = state.assignments.get(request.lastSegment());
    if (assignment == null || !assignment.firewallId().equals(request.pathId())) {
      return JsonApi.notFound();
    }
    state.assignments.remove(assignment.id());
    enforce(state, assignment.serverId());
    return Reply.noContent();
  }

  /** Puts in front of the server's machine what its firewalls now let in. */
  static void enforce(LatitudeState state, String serverId) {
    SimServer server = state.servers.get(serverId);
    if (server == null) {
      return;
    }
    List<FirewallRecord> assigned =
        state.assignments.values().stream()
            .filter(a -> a.serverId().equals(serverId))
            .map(a -> state.firewalls.get(a.firewallId()))
            .filter(f -> f != null)
            .toList();
    var address = server.machine.address();
    server.machine.providerFirewall(
        assigned.isEmpty()
            ? ProviderFirewall.NONE
            : (source, port) ->
                assigned.stream().anyMatch(f -> f.letsInTcp(source, address, port)));
  }

  ObjectNode toJson(FirewallRecord firewall) {
    ObjectNode attributes = JsonApi.object();
    attributes.put("name", firewall.name());
    ProjectRecord project = state.projects.get(firewall.projectId());
    ObjectNode block = attributes.putObject("project");
    block.put("id", firewall.projectId());
    if (project != null) {
      block.put("name", project.name());
      block.put("slug", project.slug());
    }
    var rules = attributes.putArray("rules");
    for (FirewallRecord.Rule r : firewall.rules()) {
      ObjectNode rule = rules.addObject();
      rule.put("from", r.from());
      rule.put("to", r.to());
      rule.put("port", r.port());
      rule.put("protocol", r.protocol());
      rule.put("default", r.seeded());
      if (r.description() != null) {
        rule.put("description", r.description());
      }
    }
    return JsonApi.resource(firewall.id(), "firewalls", attributes);
  }

  /** An assignment as the per-firewall list and the create answer show it. */
  private static ObjectNode toJson(AssignmentRecord assignment, SimServer server) {
    ObjectNode attributes = JsonApi.object();
    ObjectNode block = attributes.putObject("server");
    block.put("id", assignment.serverId());
    if (server != null) {
      block.put("hostname", server.hostname);
      block.put("primary_ipv4", server.ipv4());
    }
    attributes.put("firewall_id", assignment.firewallId());
    return JsonApi.resource(assignment.id(), "firewall_assignments", attributes);
  }
}
