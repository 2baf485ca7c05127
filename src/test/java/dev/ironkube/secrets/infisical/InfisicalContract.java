package dev.ironkube.secrets.infisical;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Infisical's OpenAPI subset (contracts/infisical/openapi-subset/api-filtered.json), made usable
 * for the calls ironkube makes.
 *
 * <p>Workaround: the subset holds none of the four operations ironkube calls (universal-auth login,
 * token renew, v3 raw secrets list, v4 secret writes), so they are added here. Everything that the
 * subset does define is taken from it, not rewritten: the error envelopes for 400, 401, 403, 404,
 * 422 and 500 (copied from {@code POST /api/v1/auth/token}), the access-token answer (from {@code
 * POST /api/v1/auth/token-auth/identities/{identityId}/tokens}, minus {@code tokenData}, which a
 * Universal Auth login does not return) and the {@code bearerAuth} scheme. Request bodies, query
 * parameters and the secrets answer are composed from reference §C.2–C.3 (the server's zod
 * schemas). A 429 envelope is composed like the others with status 429.
 */
final class InfisicalContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] ERRORS = {"400", "401", "403", "404", "422", "500"};

  private InfisicalContract() {}

  private static final class Holder {
    static final OpenApiInteractionValidator VALIDATOR =
        OpenApiInteractionValidator.createForInlineApiSpecification(augmented().toString()).build();
  }

  static OpenApiInteractionValidator validator() {
    return Holder.VALIDATOR;
  }

  static JsonNode subset() {
    String root = System.getProperty("ironkube.contracts");
    if (root == null || root.isBlank()) {
      throw new IllegalStateException(
          "system property ironkube.contracts is not set; run the tests through Maven (surefire"
              + " sets it)");
    }
    Path file = Path.of(root, "infisical", "openapi-subset", "api-filtered.json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("Infisical contract missing: " + file.toAbsolutePath());
    }
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode augmented() {
    ObjectNode spec = (ObjectNode) subset().deepCopy();
    JsonNode contractErrors = spec.at("/paths/~1api~1v1~1auth~1token/post/responses");
    ObjectNode token =
        (ObjectNode)
            spec.at(
                    "/paths/~1api~1v1~1auth~1token-auth~1identities~1{identityId}~1tokens/post"
                        + "/responses/200")
                .deepCopy();
    ObjectNode tokenSchema = (ObjectNode) token.at("/content/application~1json/schema");
    ((ObjectNode) tokenSchema.get("properties")).remove("tokenData");
    ArrayNode required = JSON.createArrayNode();
    tokenSchema
        .get("required")
        .forEach(
            r -> {
              if (!r.asText().equals("tokenData")) {
                required.add(r);
              }
            });
    tokenSchema.set("required", required);

    ObjectNode paths = (ObjectNode) spec.get("paths");
    ObjectNode login = paths.putObject("/api/v1/auth/universal-auth/login").putObject("post");
    login.set(
        "requestBody",
        body(
            object(
                new String[] {"clientId", "clientSecret"},
                "clientId",
                "clientSecret",
                "subOrganizationName")));
    responses(login, contractErrors).set("200", token.deepCopy());

    ObjectNode renew = paths.putObject("/api/v1/auth/token/renew").putObject("post");
    renew.set("requestBody", body(object(new String[] {"accessToken"}, "accessToken")));
    responses(renew, contractErrors).set("200", token.deepCopy());

    ObjectNode list = paths.putObject("/api/v3/secrets/raw").putObject("get");
    secured(list);
    ArrayNode params = list.putArray("parameters");
    query(params, "workspaceId", true, null);
    query(params, "environment", true, null);
    query(params, "secretPath", false, null);
    query(params, "recursive", false, new String[] {"true", "false"});
    // Required here: without it the server leaves imports out, the SDK bug reference §0.10 names.
    query(params, "include_imports", true, new String[] {"true", "false"});
    query(params, "expandSecretReferences", false, new String[] {"true", "false"});
    responses(list, contractErrors).set("200", json(secretsAnswer()));

    ObjectNode write = paths.putObject("/api/v4/secrets/{secretName}");
    for (String method : new String[] {"post", "patch"}) {
      ObjectNode op = write.putObject(method);
      secured(op);
      ObjectNode name = op.putArray("parameters").addObject();
      name.put("name", "secretName").put("in", "path").put("required", true);
      name.putObject("schema").put("type", "string");
      ObjectNode writeBody =
          object(
              new String[] {"projectId", "environment", "secretValue"},
              "projectId",
              "environment",
              "secretPath",
              "secretValue",
              "secretComment");
      ((ObjectNode) writeBody.get("properties"))
          .putObject("type")
          .put("type", "string")
          .putArray("enum")
          .add("shared")
          .add("personal");
      op.set("requestBody", body(writeBody));
      ObjectNode answer = object(new String[] {"secret"});
      ((ObjectNode) answer.get("properties")).set("secret", secret());
      responses(op, contractErrors).set("200", json(answer));
    }
    return spec;
  }

  private static ObjectNode responses(ObjectNode op, JsonNode contractErrors) {
    ObjectNode responses = op.putObject("responses");
    for (String status : ERRORS) {
      responses.set(status, contractErrors.get(status).deepCopy());
    }
    ObjectNode limited = (ObjectNode) contractErrors.get("400").deepCopy();
    ObjectNode statusCode =
        (ObjectNode) limited.at("/content/application~1json/schema/properties/statusCode");
    statusCode.putArray("enum").add(429);
    responses.set("429", limited);
    return responses;
  }

  private static void secured(ObjectNode op) {
    op.putArray("security").addObject().putArray("bearerAuth");
  }

  private static void query(ArrayNode params, String name, boolean required, String[] values) {
    ObjectNode p = params.addObject();
    p.put("name", name).put("in", "query").put("required", required);
    ObjectNode schema = p.putObject("schema").put("type", "string");
    if (values != null) {
      ArrayNode allowed = schema.putArray("enum");
      for (String v : values) {
        allowed.add(v);
      }
    }
  }

  private static ObjectNode secretsAnswer() {
    ObjectNode answer = object(new String[] {"secrets"});
    ObjectNode props = (ObjectNode) answer.get("properties");
    props.putObject("secrets").put("type", "array").set("items", secret());
    ObjectNode imported =
        object(
            new String[] {"secretPath", "environment", "secrets"},
            "secretPath",
            "environment",
            "folderId");
    ((ObjectNode) imported.get("properties"))
        .putObject("secrets")
        .put("type", "array")
        .set("items", secret());
    props.putObject("imports").put("type", "array").set("items", imported);
    return answer;
  }

  /** The fields ironkube reads must be there; the rest of the zod schema may vary. */
  private static ObjectNode secret() {
    ObjectNode secret =
        object(
            new String[] {"id", "secretKey", "secretValue", "environment", "type"},
            "id",
            "secretKey",
            "secretValue",
            "environment",
            "secretPath",
            "workspace");
    ObjectNode props = (ObjectNode) secret.get("properties");
    props.putObject("secretValueHidden").put("type", "boolean");
    props.putObject("version").put("type", "number");
    secret.put("additionalProperties", true);
    return secret;
  }

  private static ObjectNode object(String[] required, String... stringProperties) {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    ObjectNode props = schema.putObject("properties");
    for (String p : stringProperties) {
      props.putObject(p).put("type", "string");
    }
    ArrayNode req = schema.putArray("required");
    for (String r : required) {
      req.add(r);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  private static ObjectNode body(ObjectNode schema) {
    ObjectNode body = JSON.createObjectNode().put("required", true);
    body.putObject("content").putObject("application/json").set("schema", schema);
    return body;
  }

  private static ObjectNode json(ObjectNode schema) {
    ObjectNode response = JSON.createObjectNode().put("description", "composed");
    response.putObject("content").putObject("application/json").set("schema", schema);
    return response;
  }
}
