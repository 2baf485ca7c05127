package dev.ironkube.sim.infisical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.http.SimExchange;
import dev.ironkube.sim.http.SimHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The simulated Infisical: Universal Auth, token renewal, secrets listing with imports and secret
 * writes, in the shapes of reference §C and the error envelope of {@code
 * contracts/infisical/openapi-subset}.
 *
 * <p>Endpoints: {@code POST /api/v1/auth/universal-auth/login}; {@code POST
 * /api/v1/auth/token/renew}; {@code GET /api/v3/secrets/raw} ({@code workspaceId}, {@code
 * environment}, {@code secretPath}, {@code include_imports}); {@code POST|PATCH|DELETE
 * /api/v4/secrets/{secretName}} (deleting a missing secret is 404 NotFoundError). Tokens live
 * {@value #STEP_TOKEN_TTL} (30 days real, scaled, floored by {@link
 * InfisicalOptions#minTokenLifetime()}) and renew up to {@value #STEP_TOKEN_MAX_TTL}; an expired
 * token is 403 {@code TokenError} "Your token has expired", an unknown one 403 {@code TokenError}
 * "malformed", a renewal past max age 401.
 *
 * <p>Faults at {@code "infisical.<METHOD> <template>"} (such as {@code "infisical.GET
 * /api/v3/secrets/raw"}), consulted once per request: {@code http-500}, {@code 429} (with {@code
 * Retry-After} and Infisical's "try again in N seconds"), {@code reset} (dropped unanswered),
 * {@code denied} (401 "Invalid credentials", as for a revoked client secret), and {@code
 * token-expired} (the presented token is expired on the spot and the request answered 403
 * TokenError, as when the server's clock is ahead of the client's).
 */
public final class InfisicalApi implements AutoCloseable {
  public static final String API = "infisical";
  public static final String STEP_TOKEN_TTL = "infisical.token-ttl";
  public static final String STEP_TOKEN_MAX_TTL = "infisical.token-max-ttl";
  static final String LOGIN = "/api/v1/auth/universal-auth/login";
  static final String RENEW = "/api/v1/auth/token/renew";
  static final String LIST = "/api/v3/secrets/raw";
  static final String WRITE = "/api/v4/secrets/{secretName}";

  private final InfisicalOptions options;
  private final Faults faults;
  private final Duration ttl;
  private final Duration maxTtl;
  private final TokenBook tokens = new TokenBook();
  private final SecretStore store;
  private final SimHttpServer server;

  public InfisicalApi(InfisicalOptions options, TimeModel time, Faults faults, RequestLog log) {
    this.options = options;
    this.faults = faults;
    this.ttl = lifetime(time, STEP_TOKEN_TTL, options.tokenTtl());
    Duration max = lifetime(time, STEP_TOKEN_MAX_TTL, options.tokenMaxTtl());
    this.maxTtl = max.compareTo(ttl) < 0 ? ttl : max;
    this.store = new SecretStore(options.projectId(), options.environments());
    this.server = new SimHttpServer(API, log, this::handle);
  }

  private Duration lifetime(TimeModel time, String step, Duration real) {
    Duration scaled = time.duration(step, real);
    // An override answers the same whatever the default; it is taken as given, unfloored.
    boolean overridden =
        !scaled.isZero() && scaled.equals(time.duration(step, real.plusSeconds(1)));
    if (overridden || scaled.compareTo(options.minTokenLifetime()) >= 0) {
      return scaled;
    }
    return options.minTokenLifetime();
  }

  public InfisicalApi start() {
    server.start();
    return this;
  }

  /** What INFISICAL_API_URL should be set to. */
  public URI baseUri() {
    return server.baseUri();
  }

  /** The project's secrets and folders, for a datacenter that keeps them across a restart. */
  public synchronized InfisicalSnapshot snapshot() {
    return store.snapshot();
  }

  /** Puts back what {@link #snapshot()} took; login tokens are not kept, clients log in again. */
  public synchronized void restore(InfisicalSnapshot kept) {
    store.restore(kept);
  }

  /** Seeds a secret, creating its folder; the value is trimmed as Infisical trims it. */
  public synchronized void putSecret(String env, String path, String name, String value) {
    store.put(env, path, name, value, now());
  }

  /**
   * Makes {@code path} in {@code env} import every secret of {@code fromPath} in {@code fromEnv}.
   */
  public synchronized void addImport(String env, String path, String fromEnv, String fromPath) {
    store.addImport(env, path, fromEnv, fromPath);
  }

  /** The names of the secrets defined in {@code path} of {@code env}, in creation order. */
  public synchronized List<String> secretNames(String env, String path) {
    return store.hasFolder(env, path) ? List.copyOf(store.folder(env, path).keySet()) : List.of();
  }

  /** A stored value, as the server holds it after trimming; null when absent. */
  public synchronized String secretValue(String env, String path, String name) {
    ObjectNode secret = store.folder(env, path).get(name);
    return secret == null ? null : secret.get("secretValue").asText();
  }

  private Instant now() {
    return options.clock().instant();
  }

  private void handle(SimExchange exchange) {
    String path = exchange.path();
    String template = path.startsWith("/api/v4/secrets/") ? WRITE : path;
    String fault = faults.next(API + "." + exchange.method() + " " + template).orElse(null);
    if (fault != null && !"token-expired".equals(fault)) {
      inject(exchange, fault);
      return;
    }
    InfJson.Reply reply;
    synchronized (this) {
      reply = route(exchange, template, fault != null);
    }
    write(exchange, reply);
  }

  private InfJson.Reply route(SimExchange exchange, String template, boolean expireNow) {
    String method = exchange.method();
    if (template.equals(LOGIN) && method.equals("POST")) {
      return login(body(exchange));
    }
    if (template.equals(RENEW) && method.equals("POST")) {
      return renew(body(exchange), expireNow);
    }
    boolean list = template.equals(LIST) && method.equals("GET");
    boolean write = template.equals(WRITE) && (method.equals("POST") || method.equals("PATCH"));
    boolean delete = template.equals(WRITE) && method.equals("DELETE");
    if (!list && !write && !delete) {
      return InfJson.error(
          404, "NotFound", "Route " + method + ":" + exchange.path() + " not found");
    }
    String token = bearer(exchange);
    if (token == null) {
      return InfJson.error(401, "UnauthorizedError", "Failed to authenticate: no access token");
    }
    if (expireNow) {
      tokens.expire(token, now());
    }
    switch (tokens.check(token, now())) {
      case UNKNOWN -> {
        return InfJson.error(
            403, "TokenError", "The provided access token is malformed. Please re-authenticate.");
      }
      case EXPIRED -> {
        return InfJson.tokenExpired();
      }
      default -> {}
    }
    if (list) {
      return SecretRoutes.list(store, options, exchange.query());
    }
    String name =
        URLDecoder.decode(
            exchange.path().substring("/api/v4/secrets/".length()), StandardCharsets.UTF_8);
    if (delete) {
      return SecretRoutes.delete(store, options, name, body(exchange));
    }
    return SecretRoutes.write(store, options, name, body(exchange), method.equals("POST"), now());
  }

  private InfJson.Reply login(JsonNode body) {
    if (body == null
        || !body.path("clientId").isTextual()
        || !body.path("clientSecret").isTextual()) {
      return InfJson.validation("clientId", "Required");
    }
    if (!options.clientId().equals(body.get("clientId").asText())
        || !options.clientSecret().equals(body.get("clientSecret").asText())) {
      return InfJson.error(401, "UnauthorizedError", "Invalid credentials");
    }
    return tokenAnswer(tokens.issue(now(), ttl, maxTtl));
  }

  private InfJson.Reply renew(JsonNode body, boolean expireNow) {
    String token = body == null ? null : body.path("accessToken").asText(null);
    if (token == null) {
      return InfJson.validation("accessToken", "Required");
    }
    if (expireNow) {
      tokens.expire(token, now());
    }
    TokenBook.Issued issued = tokens.get(token);
    if (issued != null && !now().isBefore(issued.maxExpires())) {
      return InfJson.error(
          401,
          "UnauthorizedError",
          "Identity access token exceeded max age, please re-authenticate");
    }
    switch (tokens.check(token, now())) {
      case UNKNOWN -> {
        return InfJson.error(
            403, "TokenError", "The provided access token is malformed. Please re-authenticate.");
      }
      case EXPIRED -> {
        return InfJson.tokenExpired();
      }
      default -> {}
    }
    tokens.renew(token, now(), ttl);
    return tokenAnswer(token);
  }

  private InfJson.Reply tokenAnswer(String token) {
    ObjectNode body = InfJson.JSON.createObjectNode();
    body.put("accessToken", token);
    body.put("expiresIn", seconds(ttl));
    body.put("accessTokenMaxTTL", seconds(maxTtl));
    body.put("tokenType", "Bearer");
    return InfJson.ok(body);
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }

  private void inject(SimExchange exchange, String fault) {
    switch (fault) {
      case "http-500" ->
          write(exchange, InfJson.error(500, "InternalServerError", "Something went wrong"));
      case "429" -> {
        exchange.setHeader("Retry-After", "1");
        write(
            exchange,
            InfJson.error(
                429, "RateLimitError", "Rate limit exceeded. Please try again in 1 seconds"));
      }
      case "reset" -> exchange.drop();
      case "denied" ->
          write(exchange, InfJson.error(401, "UnauthorizedError", "Invalid credentials"));
      default ->
          exchange.respond(
              500, "text/plain; charset=utf-8", "simulator: unknown Infisical fault kind " + fault);
    }
  }

  private static String bearer(SimExchange exchange) {
    String header = exchange.header("Authorization").orElse("").strip();
    return header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
  }

  private static JsonNode body(SimExchange exchange) {
    try {
      return InfJson.JSON.readTree(exchange.body());
    } catch (IOException e) {
      return null;
    }
  }

  private static void write(SimExchange exchange, InfJson.Reply reply) {
    try {
      exchange.respond(
          reply.status(),
          "application/json; charset=utf-8",
          InfJson.JSON.writeValueAsBytes(reply.body()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a reply", e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
