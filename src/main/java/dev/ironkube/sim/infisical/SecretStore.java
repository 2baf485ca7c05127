package dev.ironkube.sim.infisical;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The project's folders, secrets and imports per environment. Every environment has the root
 * folder; others exist once seeded. Values are stored as Infisical stores them: trimmed.
 */
final class SecretStore {
  private final String projectId;
  private final Map<String, Map<String, ObjectNode>> folders = new LinkedHashMap<>();
  private final Map<String, List<String[]>> imports = new LinkedHashMap<>();
  private final Map<String, String> folderIds = new LinkedHashMap<>();

  SecretStore(String projectId, Iterable<String> environments) {
    this.projectId = projectId;
    environments.forEach(env -> folder(env, "/"));
  }

  /** What the store holds, copied, for a datacenter that keeps it across a restart. */
  InfisicalSnapshot snapshot() {
    Map<String, Map<String, ObjectNode>> secrets = new LinkedHashMap<>();
    folders.forEach(
        (key, folder) -> {
          Map<String, ObjectNode> copy = new LinkedHashMap<>();
          folder.forEach((name, secret) -> copy.put(name, secret.deepCopy()));
          secrets.put(key, copy);
        });
    Map<String, List<List<String>>> kept = new LinkedHashMap<>();
    imports.forEach(
        (key, from) -> kept.put(key, from.stream().map(f -> List.of(f[0], f[1])).toList()));
    return new InfisicalSnapshot(projectId, secrets, kept, new LinkedHashMap<>(folderIds));
  }

  /** Puts back what {@link #snapshot()} took, over what this store holds. */
  void restore(InfisicalSnapshot kept) {
    if (!projectId.equals(kept.projectId())) {
      throw new IllegalStateException(
          "the kept secrets belong to project " + kept.projectId() + ", not " + projectId);
    }
    kept.folders()
        .forEach(
            (key, folder) -> {
              Map<String, ObjectNode> into =
                  folders.computeIfAbsent(key, k -> new LinkedHashMap<>());
              folder.forEach((name, secret) -> into.put(name, secret.deepCopy()));
            });
    kept.imports()
        .forEach(
            (key, from) ->
                imports.put(
                    key,
                    new ArrayList<>(
                        from.stream().map(f -> new String[] {f.get(0), f.get(1)}).toList())));
    folderIds.putAll(kept.folderIds());
  }

  boolean hasFolder(String env, String path) {
    return folders.containsKey(key(env, path));
  }

  Map<String, ObjectNode> folder(String env, String path) {
    folderIds.computeIfAbsent(key(env, path), k -> UUID.randomUUID().toString());
    return folders.computeIfAbsent(key(env, path), k -> new LinkedHashMap<>());
  }

  void addImport(String env, String path, String fromEnv, String fromPath) {
    folder(fromEnv, fromPath);
    imports
        .computeIfAbsent(key(env, path), k -> new ArrayList<>())
        .add(new String[] {fromEnv, fromPath});
  }

  /** Creates or replaces; returns the stored secret. */
  ObjectNode put(String env, String path, String name, String value, Instant now) {
    Map<String, ObjectNode> folder = folder(env, path);
    ObjectNode existing = folder.get(name);
    ObjectNode secret = existing != null ? existing : newSecret(env, path, name, now);
    secret.put("secretValue", trimmed(value));
    secret.put("version", existing == null ? 1 : existing.get("version").asInt() + 1);
    secret.put("updatedAt", now.toString());
    folder.put(name, secret);
    return secret;
  }

  ArrayNode secrets(String env, String path) {
    ArrayNode out = InfJson.JSON.createArrayNode();
    Map<String, ObjectNode> folder = folders.get(key(env, path));
    if (folder != null) {
      folder.values().forEach(s -> out.add(s.deepCopy()));
    }
    return out;
  }

  ArrayNode importsOf(String env, String path) {
    ArrayNode out = InfJson.JSON.createArrayNode();
    for (String[] from : imports.getOrDefault(key(env, path), List.of())) {
      ObjectNode item = out.addObject();
      item.put("secretPath", from[1]);
      item.put("environment", from[0]);
      item.put("folderId", folderIds.get(key(from[0], from[1])));
      item.set("secrets", secrets(from[0], from[1]));
    }
    return out;
  }

  /**
   * Infisical trims the value: leading and trailing whitespace go, but a value that ended with a
   * newline keeps exactly one.
   */
  static String trimmed(String value) {
    boolean newline = value.endsWith("\n");
    String core = value.strip();
    return newline && !core.isEmpty() ? core + "\n" : core;
  }

  private ObjectNode newSecret(String env, String path, String name, Instant now) {
    String id = UUID.randomUUID().toString();
    ObjectNode s = InfJson.JSON.createObjectNode();
    s.put("id", id);
    s.put("_id", id);
    s.put("workspace", projectId);
    s.put("environment", env);
    s.put("version", 1);
    s.put("type", "shared");
    s.put("secretKey", name);
    s.put("secretValue", "");
    s.put("secretComment", "");
    s.putNull("secretReminderNote");
    s.putNull("secretReminderRepeatDays");
    s.put("skipMultilineEncoding", false);
    s.put("createdAt", now.toString());
    s.put("updatedAt", now.toString());
    s.put("secretPath", path);
    s.put("secretValueHidden", false);
    s.putArray("secretMetadata");
    s.putArray("tags");
    s.putNull("actor");
    s.put("isRotatedSecret", false);
    s.putNull("rotationId");
    return s;
  }

  private static String key(String env, String path) {
    return env + ":" + path;
  }
}
