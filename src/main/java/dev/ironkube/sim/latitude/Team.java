package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one team and user every valid key of the simulator belongs to, in the shapes the recordings
 * embed in projects, servers and SSH keys.
 */
final class Team {
  static final String TEAM_ID = "team_SimDatacenter0000000000";
  static final String USER_ID = "user_SimOperator00000000000000";

  private Team() {}

  static ObjectNode team() {
    ObjectNode team = JsonApi.object();
    team.put("id", TEAM_ID);
    team.put("name", "Simulated Datacenter");
    team.put("slug", "simulated-datacenter");
    team.putNull("description");
    team.putNull("address");
    ObjectNode currency = team.putObject("currency");
    currency.put("id", "cur_87vRENkgNdPyk");
    currency.put("code", "USD");
    currency.put("name", "United States Dollar");
    team.put("status", "verified");
    return team;
  }

  static ObjectNode user() {
    ObjectNode user = JsonApi.object();
    user.put("id", USER_ID);
    user.put("first_name", "Sim");
    user.put("last_name", "Operator");
    user.put("email", "operator@sim.ironkube.test");
    user.put("created_at", "2025-01-01T00:00:00+00:00");
    user.put("updated_at", "2025-01-01T00:00:00+00:00");
    ObjectNode role = user.putObject("role");
    role.put("id", "role_VyV9MYdZqdhoE1dwmxdJsM49Z9D");
    role.put("name", "owner");
    role.put("created_at", "2025-01-01T00:00:00.000Z");
    role.put("updated_at", "2025-01-01T00:00:00.000Z");
    return user;
  }

  /** {@code GET /user/profile}: the user without the key-scoped extras. */
  static ObjectNode profile() {
    ObjectNode attributes = user();
    String id = attributes.remove("id").asText();
    return JsonApi.resource(id, "users", attributes);
  }
}
