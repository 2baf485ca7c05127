package dev.ironkube.provider.scaleway;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.ApiRequest;
import dev.ironkube.http.JsonHttp;
import dev.ironkube.http.JsonHttpBuilder;
import dev.ironkube.settings.Secret;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The calls ironkube makes to Scaleway's Elastic Metal (baremetal v1, per zone) and IAM (global)
 * APIs, named by intent. Lists are read to {@code total_count}; deletes treat "already gone" as
 * done; ordering a server is sent exactly once, because a lost answer may hide a server that bills.
 */
public final class ScalewayClient {
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.scaleway.com");

  /** IAM caps pages at 100; baremetal documents no cap and accepts 100 as well. */
  public static final int PAGE_SIZE = 100;

  private static final int MAX_PAGES = 100;
  private static final String SSH_KEYS = "/iam/v1alpha1/ssh-keys";
  private static final String SERVERS = "/baremetal/v1/zones/{zone}/servers";

  private final JsonHttp http;
  private final String projectId;

  /**
   * @param projectId SCW_DEFAULT_PROJECT_ID: where keys and servers are created and looked for
   */
  public ScalewayClient(JsonHttp http, String projectId) {
    this.http = Objects.requireNonNull(http);
    if (projectId == null || projectId.isBlank()) {
      throw new IllegalArgumentException(
          "a Scaleway project id (SCW_DEFAULT_PROJECT_ID) is needed");
    }
    this.projectId = projectId.strip();
  }

  /**
   * A transport set up for Scaleway (X-Auth-Token, error decoding, snake_case JSON); add a sleeper,
   * clock, random and listeners before building it. Only the secret key goes on the wire.
   */
  public static JsonHttpBuilder transport(URI baseUri, Secret secretKey) {
    if (secretKey == null || secretKey.isBlank()) {
      throw new RemoteServiceException.Unauthorized(
          ScalewayErrorDecoder.SERVICE,
          "no Scaleway secret key was given",
          ScalewayErrorDecoder.KEY_HINT);
    }
    ObjectMapper mapper =
        JsonHttp.defaultMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    return JsonHttp.builder(ScalewayErrorDecoder.SERVICE, baseUri)
        .mapper(mapper)
        .header("X-Auth-Token", secretKey.strip().reveal())
        .errorDecoder(new ScalewayErrorDecoder(mapper));
  }

  public String projectId() {
    return projectId;
  }

  /**
   * The cheapest call that proves the secret key works for this project: one IAM SSH key, which the
   * order needs read access to anyway. Returns how many keys the project holds.
   */
  public long probeCredentials() {
    ScwList<ScwSshKey> page =
        http.send(
            ApiRequest.get(SSH_KEYS).withQuery("project_id", projectId).withQuery("page_size", 1),
            new TypeReference<ScwList<ScwSshKey>>() {});
    return page.totalCount() == null ? page.itemsOrEmpty().size() : page.totalCount();
  }

  /** Hourly offers of one zone, in stock or not. */
  public List<ScwOffer> offers(String zone) {
    return readAll(
        ApiRequest.get("/baremetal/v1/zones/{zone}/offers", zone)
            .withQuery("subscription_period", "hourly"),
        new TypeReference<>() {});
  }

  /** The OSes installable on this offer in this zone (all of the zone's when offerId is null). */
  public List<ScwOs> operatingSystems(String zone, String offerId) {
    return readAll(
        ApiRequest.get("/baremetal/v1/zones/{zone}/os", zone).withQuery("offer_id", offerId),
        new TypeReference<>() {});
  }

  /** The enabled key with exactly this name in the project; IAM's name filter is not exact. */
  public Optional<ScwSshKey> findSshKey(String name) {
    List<ScwSshKey> keys =
        readAll(
            ApiRequest.get(SSH_KEYS)
                .withQuery("name", name)
                .withQuery("project_id", projectId)
                .withQuery("order_by", "created_at_asc"),
            new TypeReference<>() {});
    return keys.stream()
        .filter(k -> name.equals(k.name()) && !Boolean.TRUE.equals(k.disabled()))
        .findFirst();
  }

  /** Key names are not unique, so a repeated create would make a second key: sent once. */
  public ScwSshKey createSshKey(String name, String publicKey) {
    return http.send(
        ApiRequest.post(SSH_KEYS).withJson(new ScwNewSshKey(name, publicKey, projectId)),
        ScwSshKey.class);
  }

  /** IAM answers 204. */
  public void deleteSshKey(String id) {
    deleteIgnoringMissing(ApiRequest.delete(SSH_KEYS + "/{ssh_key_id}", id));
  }

  /**
   * Orders (and installs) a server. Never repeated by the transport, whatever the failure: look for
   * it by tags before trying again.
   */
  public ScwServer createServer(String zone, ScwNewServer server) {
    return http.send(
        ApiRequest.post(SERVERS, zone).withJson(server).notRetryable(), ScwServer.class);
  }

  /** The server, or empty when Scaleway says it does not exist (deleted, or never was). */
  public Optional<ScwServer> server(String zone, String id) {
    try {
      return Optional.of(
          http.send(ApiRequest.get(SERVERS + "/{server_id}", zone, id), ScwServer.class));
    } catch (RemoteServiceException.NotFound gone) {
      return Optional.empty();
    }
  }

  /** The project's servers in a zone carrying every one of {@code tags}. */
  public List<ScwServer> servers(String zone, List<String> tags) {
    ApiRequest request = ApiRequest.get(SERVERS, zone).withQuery("project_id", projectId);
    for (String tag : tags) {
      request = request.withQuery("tags", tag);
    }
    List<ScwServer> all = readAll(request, new TypeReference<>() {});
    // Filtered again here: the match must be exact whatever the server's filter does.
    return all.stream().filter(s -> s.tags() != null && s.tags().containsAll(tags)).toList();
  }

  /** Answers the server with status {@code deleting}; gone (404) counts as done. */
  public void deleteServer(String zone, String id) {
    deleteIgnoringMissing(ApiRequest.delete(SERVERS + "/{server_id}", zone, id));
  }

  private void deleteIgnoringMissing(ApiRequest request) {
    try {
      http.execute(request);
    } catch (RemoteServiceException.NotFound alreadyGone) {
      // The goal of a delete is that the thing does not exist; it does not.
    }
  }

  private <T> List<T> readAll(ApiRequest first, TypeReference<ScwList<T>> type) {
    List<T> all = new ArrayList<>();
    for (int page = 1; page <= MAX_PAGES; page++) {
      ApiRequest request = first.withQuery("page", page).withQuery("page_size", PAGE_SIZE);
      ScwList<T> answer = http.send(request, type);
      List<T> items = answer.itemsOrEmpty();
      all.addAll(items);
      long total = answer.totalCount() == null ? all.size() : answer.totalCount();
      if (items.isEmpty() || all.size() >= total) {
        return all;
      }
    }
    throw new RemoteServiceException.Transient(
        ScalewayErrorDecoder.SERVICE,
        "Scaleway returned more than %d pages for %s".formatted(MAX_PAGES, first.endpoint()),
        null);
  }
}
