package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Server bodies in the two recorded shapes: the short 201 of a create and the full read. */
final class ServerJson {
  private ServerJson() {}

  static ObjectNode created(SimServer server) {
    ObjectNode attributes = JsonApi.object();
    attributes.put("hostname", server.hostname);
    attributes.put("label", server.label);
    attributes.put("role", "Bare Metal");
    attributes.put("status", server.timeline.initial());
    attributes.put("primary_ipv4", server.ipv4());
    attributes.set("specs", server.plan.serverSpecs(false));
    attributes.set("plan", server.plan.serverPlan(server.billing));
    ObjectNode data = JsonApi.object();
    data.put("type", "servers");
    data.put("id", server.id);
    data.set("attributes", attributes);
    return data;
  }

  static ObjectNode full(SimServer server, String status, long serversInProject) {
    ObjectNode attributes = JsonApi.object();
    attributes.putArray("tags");
    attributes.put("hostname", server.hostname);
    attributes.put("label", server.label);
    attributes.put("price", price(server));
    attributes.put("role", "Bare Metal");
    attributes.put("primary_ipv4", server.ipv4());
    attributes.put("status", status);
    attributes.put("ipmi_status", "Normal");
    attributes.put("created_at", server.createdAt);
    attributes.putNull("scheduled_deletion_at");
    attributes.put("locked", false);
    attributes.put("rescue_allowed", server.os.full());
    attributes.set("region", server.site.serverRegion());
    ObjectNode team = Team.team();
    team.putArray("feature_flags");
    attributes.set("team", team);
    attributes.set("project", ProjectRoutes.serverBlock(server.project, serversInProject));
    attributes.set("plan", server.plan.serverPlan(server.billing));
    attributes.set("operating_system", server.os.serverBlock());
    attributes.set("specs", server.plan.serverSpecs(true));
    return JsonApi.resource(server.id, "servers", attributes);
  }

  /** Hourly billing shows the hourly price; monthly and yearly show the period's price. */
  private static double price(SimServer server) {
    double hour = server.plan.hourlyAt(server.site.slug());
    long month = Math.round(hour * 695);
    return switch (server.billing) {
      case "monthly" -> month;
      case "yearly" -> Math.round(month * 8.82);
      default -> hour;
    };
  }
}
