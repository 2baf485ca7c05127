package dev.ironkube.provider.latitude;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.ApiRequest;
import dev.ironkube.http.JsonHttp;
import dev.ironkube.http.JsonHttpBuilder;
import dev.ironkube.http.Once;
import dev.ironkube.settings.Secret;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The calls ironkube makes to the Latitude.sh API, named by intent. Lists are read to the end
 * (Latitude pages silently at 20 items); deletes treat "already gone" as done. Creating a server is
 * sent exactly once: after a failure the caller must look for it by hostname before trying again,
 * since a second server would be billed too.
 */
public final class LatitudeClient {
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.latitude.sh");

  /** The only API version the spec and SDKs name; pinned so that the key's default can't drift. */
  public static final String API_VERSION = "2023-06-01";

  /** Terraform reads 100 at a time successfully; bigger pages spend less of the read budget. */
  public static final int DEFAULT_PAGE_SIZE = 100;

  private static final int MAX_PAGES = 500;

  private final JsonHttp http;
  private final int pageSize;

  public LatitudeClient(JsonHttp http) {
    this(http, DEFAULT_PAGE_SIZE);
  }

  public LatitudeClient(JsonHttp http, int pageSize) {
    this.http = Objects.requireNonNull(http);
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive");
    }
    this.pageSize = pageSize;
  }

  /**
   * A transport set up for Latitude (auth and version headers, error decoding, snake_case JSON);
   * add a sleeper, clock, random and listeners before building it.
   */
  public static JsonHttpBuilder transport(URI baseUri, Secret apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      throw new RemoteServiceException.Unauthorized(
          LatitudeErrorDecoder.SERVICE,
          "no Latitude.sh API key was given",
          LatitudeErrorDecoder.KEY_HINT);
    }
    Once<ObjectMapper> mapper =
        Once.of(
            () ->
                JsonHttp.defaultMapper()
                    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    String authorization = "Bearer " + apiKey.strip().reveal();
    return JsonHttp.builder(LatitudeErrorDecoder.SERVICE, baseUri)
        .mapper(mapper)
        .header("Authorization", authorization)
        .header("API-Version", API_VERSION)
        .header("Accept", "application/vnd.api+json, application/json")
        .errorDecoder(new LatitudeErrorDecoder(mapper));
  }

  /** The key's owner; the cheapest call that proves the key works. */
  public LatResource<LatProfile> profile() {
    return http.send(
            ApiRequest.get("/user/profile"),
            new TypeReference<LatDocument<LatResource<LatProfile>>>() {})
        .data();
  }

  /** Every site; mapped explicitly ({@link LatitudeJson}), as `ironkube regions` waits on it. */
  public List<LatResource<LatRegion>> regions() {
    return readAllPages(
        ApiRequest.get("/regions"), r -> http.send(r, LatitudeJson::regions).items());
  }

  /**
   * Every plan with per-country stock and prices ({@code /plans} is not paginated); mapped
   * explicitly ({@link LatitudeJson}), as `ironkube plans` waits on it.
   */
  public List<LatResource<LatPlan>> plans() {
    return http.send(ApiRequest.get("/plans"), LatitudeJson::plans).items();
  }

  /** Every operating system; mapped explicitly ({@link LatitudeJson}), as `plans` waits on it. */
  public List<LatResource<LatOperatingSystem>> operatingSystems() {
    return readAllPages(
        ApiRequest.get("/plans/operating_systems"),
        r -> http.send(r, LatitudeJson::operatingSystems).items());
  }

  /** The project with exactly this name; the API's name filter is not guaranteed to be exact. */
  public Optional<LatResource<LatProject>> findProject(String name) {
    List<LatResource<LatProject>> projects =
        readAll(
            ApiRequest.get("/projects").withQuery("filter[name]", name), new TypeReference<>() {});
    return projects.stream()
        .filter(p -> p.attributes() != null && name.equals(p.attributes().name()))
        .findFirst();
  }

  /**
   * Creates an on-demand project. Names are unique per team, so repeating the call is harmless: a
   * duplicate answer means an earlier attempt (or run) made it, and that project is returned.
   */
  public LatResource<LatProject> createProject(String name, String description) {
    var body =
        new LatDocument<>(
            new LatNewResource<>(
                "projects", new LatNewProject(name, "on_demand", description, "Development")));
    try {
      return http.send(
              ApiRequest.post("/projects").withJson(body).retryable(),
              new TypeReference<LatDocument<LatResource<LatProject>>>() {})
          .data();
    } catch (RemoteServiceException.Conflict duplicate) {
      return findProject(name).orElseThrow(() -> duplicate);
    }
  }

  public void deleteProject(String id) {
    deleteIgnoringMissing(ApiRequest.delete("/projects/{project_id}", id));
  }

  /** Team-level keys cannot be filtered by name, so all are read and matched here. */
  public Optional<LatResource<LatSshKey>> findSshKey(String name) {
    List<LatResource<LatSshKey>> keys =
        readAll(ApiRequest.get("/ssh_keys"), new TypeReference<>() {});
    return keys.stream()
        .filter(k -> k.attributes() != null && name.equals(k.attributes().name()))
        .findFirst();
  }

  /** Key names are not unique, so a repeated create would make a second key: sent once. */
  public LatResource<LatSshKey> createSshKey(String name, String publicKey, String projectId) {
    var body =
        new LatDocument<>(
            new LatNewResource<>("ssh_keys", new LatNewSshKey(name, publicKey, projectId)));
    return http.send(
            ApiRequest.post("/ssh_keys").withJson(body),
            new TypeReference<LatDocument<LatResource<LatSshKey>>>() {})
        .data();
  }

  /** Latitude answers 200 with {@code {"meta":{}}} here, unlike the 204 of other deletes. */
  public void deleteSshKey(String id) {
    deleteIgnoringMissing(ApiRequest.delete("/ssh_keys/{ssh_key_id}", id));
  }

  /**
   * Orders a server. Never repeated by the transport, whatever the failure: a timeout may hide a
   * server that exists and bills.
   */
  public LatResource<LatServer> createServer(LatNewServer server) {
    var body = new LatDocument<>(new LatNewResource<>("servers", server));
    return http.send(
            ApiRequest.post("/servers").withJson(body).notRetryable(),
            new TypeReference<LatDocument<LatResource<LatServer>>>() {})
        .data();
  }

  /** The server, or empty when Latitude says it does not exist (deleted, or never was). */
  public Optional<LatResource<LatServer>> server(String id) {
    try {
      return Optional.of(
          http.send(
                  ApiRequest.get("/servers/{server_id}", id),
                  new TypeReference<LatDocument<LatResource<LatServer>>>() {})
              .data());
    } catch (RemoteServiceException.NotFound gone) {
      return Optional.empty();
    }
  }

  /**
   * Servers matching every given filter (null filters are left out). {@code hostname} is matched by
   * Latitude, exactly as far as the recorded behaviour shows.
   */
  public List<LatResource<LatServer>> servers(String project, String hostname) {
    ApiRequest request =
        ApiRequest.get("/servers")
            .withQuery("filter[project]", project)
            .withQuery("filter[hostname]", hostname);
    return readAll(request, new TypeReference<>() {});
  }

  public void deleteServer(String id) {
    deleteIgnoringMissing(ApiRequest.delete("/servers/{server_id}", id));
  }

  /**
   * Creates a firewall in a project. Names are not unique, so a repeated create would make a second
   * one: sent once, and after a lost answer the caller looks for it by name first.
   */
  public LatResource<LatFirewall> createFirewall(LatNewFirewall firewall) {
    var body = new LatDocument<>(new LatNewResource<>("firewalls", firewall));
    return http.send(
            ApiRequest.post("/firewalls").withJson(body).notRetryable(),
            new TypeReference<LatDocument<LatResource<LatFirewall>>>() {})
        .data();
  }

  /** Every firewall of the team with exactly this name, oldest first (names are not unique). */
  public List<LatResource<LatFirewall>> findFirewalls(String name) {
    List<LatResource<LatFirewall>> all =
        readAll(ApiRequest.get("/firewalls"), new TypeReference<>() {});
    return all.stream()
        .filter(f -> f.attributes() != null && name.equals(f.attributes().name()))
        .toList();
  }

  /** Deleting a firewall that is already gone is done. */
  public void deleteFirewall(String id) {
    deleteIgnoringMissing(ApiRequest.delete("/firewalls/{firewall_id}", id));
  }

  /**
   * Puts a server behind a firewall. Sent once: after a lost answer the caller lists the firewall's
   * assignments before trying again. The spec's schema for this answer is the bare resource while
   * its example wraps it in {@code data}; both are read.
   */
  public LatResource<LatFirewallAssignment> assignFirewall(String firewallId, String serverId) {
    var body =
        new LatDocument<>(
            new LatNewResource<>("firewall_assignments", new LatNewFirewallAssignment(serverId)));
    JsonNode answer =
        http.send(
            ApiRequest.post("/firewalls/{firewall_id}/assignments", firewallId)
                .withJson(body)
                .notRetryable(),
            new TypeReference<JsonNode>() {});
    JsonNode resource = answer.hasNonNull("data") ? answer.get("data") : answer;
    return http.mapper()
        .convertValue(resource, new TypeReference<LatResource<LatFirewallAssignment>>() {});
  }

  /** The servers behind a firewall, all pages. */
  public List<LatResource<LatFirewallAssignment>> firewallAssignments(String firewallId) {
    return readAll(
        ApiRequest.get("/firewalls/{firewall_id}/assignments", firewallId),
        new TypeReference<>() {});
  }

  /** Takes a server from behind a firewall; an assignment already gone is done. */
  public void deleteFirewallAssignment(String firewallId, String assignmentId) {
    deleteIgnoringMissing(
        ApiRequest.delete(
            "/firewalls/{firewall_id}/assignments/{assignment_id}", firewallId, assignmentId));
  }

  private void deleteIgnoringMissing(ApiRequest request) {
    try {
      http.execute(request);
    } catch (RemoteServiceException.NotFound alreadyGone) {
      // The goal of a delete is that the thing does not exist; it does not.
    }
  }

  private <A> List<LatResource<A>> readAll(
      ApiRequest first, TypeReference<LatPage<LatResource<A>>> type) {
    return readAllPages(first, request -> http.send(request, type).items());
  }

  private <A> List<LatResource<A>> readAllPages(
      ApiRequest first, Function<ApiRequest, List<LatResource<A>>> onePage) {
    List<LatResource<A>> all = new ArrayList<>();
    String previousFirstId = null;
    for (int page = 1; page <= MAX_PAGES; page++) {
      ApiRequest request = first.withQuery("page[number]", page).withQuery("page[size]", pageSize);
      List<LatResource<A>> items = onePage.apply(request);
      if (items.isEmpty()) {
        return all;
      }
      // A server that ignores paging would repeat page 1 forever.
      if (Objects.equals(items.getFirst().id(), previousFirstId)) {
        return all;
      }
      previousFirstId = items.getFirst().id();
      all.addAll(items);
      if (items.size() < pageSize) {
        return all;
      }
    }
    throw new RemoteServiceException.Transient(
        LatitudeErrorDecoder.SERVICE,
        "Latitude.sh returned more than %d pages for %s".formatted(MAX_PAGES, first.endpoint()),
        null);
  }
}
