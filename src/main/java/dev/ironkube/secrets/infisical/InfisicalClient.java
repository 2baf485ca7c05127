package dev.ironkube.secrets.infisical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.ApiRequest;
import dev.ironkube.http.JsonHttp;
import dev.ironkube.http.JsonHttpBuilder;
import dev.ironkube.settings.Secret;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The calls ironkube makes to Infisical's REST API, named by intent. Each call takes the access
 * token it is to carry, so that the session alone decides when to log in or renew.
 */
public final class InfisicalClient {
  public static final URI DEFAULT_BASE_URI = URI.create("https://app.infisical.com");

  private final JsonHttp anonymous;
  private final JsonHttp authorised;
  private final ThreadLocal<Secret> bearer = new ThreadLocal<>();

  /**
   * @param transport a builder from {@link #transport}, with any sleeper, clock or listeners; it is
   *     built twice, once without and once with the Authorization header
   */
  public InfisicalClient(Supplier<JsonHttpBuilder> transport) {
    this.anonymous = transport.get().build();
    this.authorised =
        transport
            .get()
            .headers(
                () -> {
                  Secret token = bearer.get();
                  return token == null
                      ? Map.of()
                      : Map.of("Authorization", "Bearer " + token.reveal());
                })
            .build();
  }

  /**
   * A transport set up for Infisical; {@code baseUri} is the site ({@code
   * https://app.infisical.com}), every path starts with {@code /api}. A trailing {@code /api} in
   * the setting is tolerated, as rawkode-cloud did.
   */
  public static JsonHttpBuilder transport(URI baseUri) {
    String site = Objects.requireNonNull(baseUri).toString().replaceAll("/+$", "");
    if (site.endsWith("/api")) {
      site = site.substring(0, site.length() - 4);
    }
    ObjectMapper mapper = JsonHttp.defaultMapper();
    return JsonHttp.builder(InfisicalErrorDecoder.SERVICE, URI.create(site))
        .mapper(mapper)
        .errorDecoder(new InfisicalErrorDecoder(mapper));
  }

  /** Universal Auth login; harmless to repeat, it only issues another token. */
  public InfAccessToken login(InfCredentials credentials) {
    return anonymous.send(
        ApiRequest.post("/api/v1/auth/universal-auth/login").withJson(credentials).retryable(),
        InfAccessToken.class);
  }

  /** Extends the token's TTL; it cannot pass the max TTL counted from the first login. */
  public InfAccessToken renew(Secret accessToken) {
    return anonymous.send(
        ApiRequest.post("/api/v1/auth/token/renew")
            .withJson(new InfTokenBody(accessToken.reveal()))
            .retryable(),
        InfAccessToken.class);
  }

  /**
   * The secrets of one path. {@code include_imports} is snake_case: SDKs that send {@code
   * includeImports} silently get no imports. Booleans go as the strings the server parses.
   */
  public InfSecretList listSecrets(Secret accessToken, InfScope scope, boolean includeImports) {
    ApiRequest request =
        ApiRequest.get("/api/v3/secrets/raw")
            .withQuery("workspaceId", scope.projectId())
            .withQuery("environment", scope.environment())
            .withQuery("secretPath", scope.secretPath())
            .withQuery("recursive", "false")
            .withQuery("include_imports", Boolean.toString(includeImports))
            .withQuery("expandSecretReferences", "true");
    return as(accessToken, () -> authorised.send(request, InfSecretList.class));
  }

  /** Creates a shared secret; fails when it exists. */
  public void createSecret(Secret accessToken, InfScope scope, String name, String value) {
    write(accessToken, ApiRequest.post("/api/v4/secrets/{secretName}", name), scope, value);
  }

  /** Replaces a shared secret's value; NotFound when it does not exist. */
  public void updateSecret(Secret accessToken, InfScope scope, String name, String value) {
    write(accessToken, ApiRequest.patch("/api/v4/secrets/{secretName}", name), scope, value);
  }

  /** Deletes a shared secret; NotFound when it does not exist. Repeating it is harmless. */
  public void deleteSecret(Secret accessToken, InfScope scope, String name) {
    InfSecretDelete body =
        new InfSecretDelete(scope.projectId(), scope.environment(), scope.secretPath(), "shared");
    ApiRequest call =
        ApiRequest.delete("/api/v4/secrets/{secretName}", name).withJson(body).retryable();
    as(accessToken, () -> authorised.send(call, JsonNode.class));
  }

  private void write(Secret accessToken, ApiRequest call, InfScope scope, String value) {
    InfSecretWrite body =
        new InfSecretWrite(
            scope.projectId(), scope.environment(), scope.secretPath(), value, "shared");
    JsonNode answer = as(accessToken, () -> authorised.send(call.withJson(body), JsonNode.class));
    if (answer.has("approval") && !answer.has("secret")) {
      // The write waits for a reviewer: it has not happened, and the next run would miss it.
      throw new RemoteServiceException.Rejected(
          InfisicalErrorDecoder.SERVICE,
          "Infisical queued " + call.endpoint() + " for approval instead of writing it",
          "approve the change in Infisical, or exempt the machine identity from the policy");
    }
  }

  private <T> T as(Secret accessToken, Supplier<T> call) {
    bearer.set(Objects.requireNonNull(accessToken, "accessToken"));
    try {
      return call.get();
    } finally {
      bearer.remove();
    }
  }
}
