package dev.ironkube.sim.infisical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/** The secrets endpoints behind the token check: list (v3 raw), write and delete (v4). */
final class SecretRoutes {
  private SecretRoutes() {}

  static InfJson.Reply list(
      SecretStore store, InfisicalOptions options, Map<String, String> query) {
    String project = query.getOrDefault("workspaceId", query.get("projectId"));
    String env = query.get("environment");
    if (project == null || project.isBlank() || env == null || env.isBlank()) {
      return InfJson.error(400, "BadRequestError", "Missing project id or environment");
    }
    InfJson.Reply scoped = checkScope(options, project, env);
    if (scoped != null) {
      return scoped;
    }
    String path = path(query.get("secretPath"));
    ObjectNode body = InfJson.JSON.createObjectNode();
    body.set("secrets", store.secrets(env, path));
    // Only the snake_case parameter counts, as on the real server.
    if ("true".equals(query.get("include_imports"))) {
      body.set("imports", store.importsOf(env, path));
    }
    return InfJson.ok(body);
  }

  static InfJson.Reply write(
      SecretStore store,
      InfisicalOptions options,
      String name,
      JsonNode body,
      boolean create,
      Instant now) {
    if (body == null || !body.path("projectId").isTextual()) {
      return InfJson.validation("projectId", "Required");
    }
    if (!body.path("environment").isTextual()) {
      return InfJson.validation("environment", "Required");
    }
    if (!body.path("secretValue").isTextual()) {
      return InfJson.validation("secretValue", "Required");
    }
    String env = body.get("environment").asText();
    InfJson.Reply scoped = checkScope(options, body.get("projectId").asText(), env);
    if (scoped != null) {
      return scoped;
    }
    String path = path(body.path("secretPath").asText("/"));
    if (!store.hasFolder(env, path)) {
      return InfJson.error(
          404,
          "NotFoundError",
          "Folder with path '" + path + "' in environment with slug '" + env + "' not found");
    }
    boolean exists = store.folder(env, path).containsKey(name);
    if (create && exists) {
      return InfJson.error(400, "BadRequestError", "Secret already exist");
    }
    if (!create && !exists) {
      return InfJson.error(404, "NotFoundError", "Secret not found");
    }
    ObjectNode stored = store.put(env, path, name, body.get("secretValue").asText(), now);
    ObjectNode answer = InfJson.JSON.createObjectNode();
    answer.set("secret", stored.deepCopy());
    return InfJson.ok(answer);
  }

  static InfJson.Reply delete(
      SecretStore store, InfisicalOptions options, String name, JsonNode body) {
    if (body == null || !body.path("projectId").isTextual()) {
      return InfJson.validation("projectId", "Required");
    }
    if (!body.path("environment").isTextual()) {
      return InfJson.validation("environment", "Required");
    }
    String env = body.get("environment").asText();
    InfJson.Reply scoped = checkScope(options, body.get("projectId").asText(), env);
    if (scoped != null) {
      return scoped;
    }
    String path = path(body.path("secretPath").asText("/"));
    ObjectNode removed = store.hasFolder(env, path) ? store.folder(env, path).remove(name) : null;
    if (removed == null) {
      return InfJson.error(404, "NotFoundError", "Secret not found");
    }
    ObjectNode answer = InfJson.JSON.createObjectNode();
    answer.set("secret", removed);
    return InfJson.ok(answer);
  }

  private static InfJson.Reply checkScope(InfisicalOptions options, String project, String env) {
    if (!options.projectId().equals(project)) {
      return InfJson.error(404, "NotFoundError", "Project with ID '" + project + "' not found");
    }
    if (!options.environments().contains(env)) {
      return InfJson.error(
          404,
          "NotFoundError",
          "Environment with slug '" + env + "' in project with ID '" + project + "' not found");
    }
    return null;
  }

  /** Infisical trims a trailing slash. */
  private static String path(String raw) {
    String p = raw == null || raw.isBlank() ? "/" : raw.strip();
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
