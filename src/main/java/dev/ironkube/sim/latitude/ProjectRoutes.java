package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * {@code /projects}: list with filters, create (unique names), get and delete. Deleting a project
 * that still holds servers is refused; the real API's answer to that is not recorded, so the fake
 * answers 422 {@code PROJECT_DELETION_ERROR}, named after the recorded {@code
 * PROJECT_CREATION_ERROR}.
 */
final class ProjectRoutes {
  private static final Set<String> PROVISIONING = Set.of("on_demand", "reserved");
  private final LatitudeState state;
  private final Ids ids;

  ProjectRoutes(LatitudeState state, Ids ids) {
    this.state = state;
    this.ids = ids;
  }

  Reply list(LatitudeRequest request) {
    Page page = Page.of(request.query());
    if (page == null) {
      return JsonApi.invalid("page", "page parameters must be positive integers");
    }
    String name = request.filter("name");
    String slug = request.filter("slug");
    List<ObjectNode> matching =
        state.projects.values().stream()
            .filter(p -> name == null || p.name().equals(name))
            .filter(p -> slug == null || p.slug().equals(slug))
            .map(this::toJson)
            .toList();
    return Reply.of(200, JsonApi.list(page.slice(matching)));
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
    String provisioning = JsonApi.text(attributes, "provisioning_type");
    if (provisioning == null) {
      return JsonApi.mustBeFilled("provisioning_type");
    }
    if (!PROVISIONING.contains(provisioning)) {
      return JsonApi.invalid("provisioning_type", "must be one of: on_demand, reserved");
    }
    if (state.projects.values().stream().anyMatch(p -> p.name().equals(name))) {
      return Reply.of(
          400,
          JsonApi.error(
              "PROJECT_CREATION_ERROR",
              "bad_request",
              "Project Creation Error",
              "A project with the same name already exists. Please use a new name."));
    }
    String description = JsonApi.text(attributes, "description");
    String environment = JsonApi.text(attributes, "environment");
    ProjectRecord project =
        new ProjectRecord(
            ids.next("proj"),
            name,
            ProjectRecord.slugOf(name),
            description == null ? "" : description,
            environment,
            provisioning,
            "sub_" + ids.hex(24),
            JsonApi.now());
    state.projects.put(project.id(), project);
    return Reply.of(201, JsonApi.single(toJson(project)));
  }

  Reply get(LatitudeRequest request) {
    return state
        .project(request.pathId())
        .map(p -> Reply.of(200, JsonApi.single(toJson(p))))
        .orElseGet(JsonApi::notFound);
  }

  Reply delete(LatitudeRequest request) {
    ProjectRecord project = state.project(request.pathId()).orElse(null);
    if (project == null) {
      return JsonApi.notFound();
    }
    if (state.serversIn(project) > 0) {
      return Reply.of(
          422,
          JsonApi.error(
              "PROJECT_DELETION_ERROR",
              "422",
              "Project Deletion Error",
              "The project still has servers. Delete them before deleting the project."));
    }
    if (state.firewalls.values().stream().anyMatch(f -> f.projectId().equals(project.id()))) {
      return Reply.of(
          422,
          JsonApi.error(
              "PROJECT_DELETION_ERROR",
              "422",
              "Project Deletion Error",
              "The project still has firewalls. Delete them before deleting the project."));
    }
    state.projects.remove(project.id());
    state.sshKeys.values().removeIf(k -> project.id().equals(k.projectId()));
    return Reply.noContent();
  }

  ObjectNode toJson(ProjectRecord project) {
    ObjectNode attributes = JsonApi.object();
    attributes.putArray("tags");
    attributes.put("name", project.name());
    attributes.put("slug", project.slug());
    attributes.put("description", project.description());
    attributes.putNull("bandwidth_alert");
    putNullable(attributes, "environment", project.environment());
    attributes.put("provisioning_type", project.provisioningType());
    attributes.put("billing_type", "Normal");
    attributes.put("billing_method", "Normal");
    attributes.set("billing", billing(project));
    attributes.set("team", Team.team());
    attributes.set("stats", stats(state.serversIn(project)));
    attributes.put("created_at", project.createdAt());
    attributes.put("updated_at", project.createdAt());
    return JsonApi.resource(project.id(), "projects", attributes);
  }

  /** The {@code project} block inside a server, as recorded (no tags, no team). */
  static ObjectNode serverBlock(ProjectRecord project, long servers) {
    ObjectNode block = JsonApi.object();
    block.put("id", project.id());
    block.put("name", project.name());
    block.put("slug", project.slug());
    putNullable(block, "description", project.description());
    block.put("billing_type", "Normal");
    block.put("billing_method", "Normal");
    block.put("bandwidth_alert", false);
    putNullable(block, "environment", project.environment());
    block.set("billing", billing(project));
    block.set("stats", stats(servers));
    return block;
  }

  private static ObjectNode billing(ProjectRecord project) {
    ObjectNode billing = JsonApi.object();
    billing.put("subscription_id", project.subscriptionId());
    billing.put("type", "Normal");
    billing.put("method", "Normal");
    return billing;
  }

  private static ObjectNode stats(long servers) {
    ObjectNode stats = JsonApi.object();
    stats.put("ip_addresses", 0);
    stats.put("prefixes", 0);
    stats.put("servers", servers);
    stats.put("containers", 0);
    stats.put("vlans", 0);
    return stats;
  }

  private static void putNullable(ObjectNode node, String name, String value) {
    if (value == null) {
      node.putNull(name);
    } else {
      node.put(name, value);
    }
  }
}
