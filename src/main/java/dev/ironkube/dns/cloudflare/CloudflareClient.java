package dev.ironkube.dns.cloudflare;

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

/**
 * The calls ironkube makes to Cloudflare's DNS records API for one zone, named by intent. Lists are
 * read to the last page with an explicit {@code per_page}, because older endpoints defaulted to 20
 * and a missed record becomes a duplicate.
 */
public final class CloudflareClient {
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.cloudflare.com/client/v4");

  /** Cloudflare's documented default, sent explicitly (see the class comment). */
  public static final int DEFAULT_PAGE_SIZE = 100;

  private static final int MAX_PAGES = 200;

  private final JsonHttp http;
  private final String zoneId;
  private final int pageSize;

  public CloudflareClient(JsonHttp http, String zoneId) {
    this(http, zoneId, DEFAULT_PAGE_SIZE);
  }

  public CloudflareClient(JsonHttp http, String zoneId, int pageSize) {
    this.http = Objects.requireNonNull(http);
    if (zoneId == null || zoneId.isBlank()) {
      throw new IllegalArgumentException("no Cloudflare zone id given (CLOUDFLARE_ZONE_ID)");
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive");
    }
    this.zoneId = zoneId.strip();
    this.pageSize = pageSize;
  }

  /**
   * A transport set up for Cloudflare (Bearer token, error decoding, snake_case JSON); add a
   * sleeper, clock, random and listeners before building it. The token only ever sits in the
   * Authorization header, which the request log masks.
   */
  public static JsonHttpBuilder transport(URI baseUri, Secret apiToken) {
    if (apiToken == null || apiToken.isBlank()) {
      throw new RemoteServiceException.Unauthorized(
          CloudflareErrorDecoder.SERVICE,
          "no Cloudflare API token was given",
          CloudflareErrorDecoder.TOKEN_HINT);
    }
    ObjectMapper mapper =
        JsonHttp.defaultMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    return JsonHttp.builder(CloudflareErrorDecoder.SERVICE, baseUri)
        .mapper(mapper)
        .header("Authorization", "Bearer " + apiToken.strip().reveal())
        .requestIdHeader("CF-Ray")
        .errorDecoder(new CloudflareErrorDecoder(mapper));
  }

  public String zoneId() {
    return zoneId;
  }

  /**
   * Records matching {@code type} (null for any) and exactly {@code fqdn}: Cloudflare's {@code
   * name} filter is an exact match on the fully-qualified name.
   */
  public List<CfRecord> listRecords(String type, String fqdn) {
    List<CfRecord> all = new ArrayList<>();
    for (int page = 1; page <= MAX_PAGES; page++) {
      ApiRequest request =
          ApiRequest.get("/zones/{zone_id}/dns_records", zoneId)
              .withQuery("type", type)
              .withQuery("name", fqdn)
              .withQuery("page", page)
              .withQuery("per_page", pageSize);
      CfEnvelope<List<CfRecord>> answer =
          successful(request, http.send(request, new TypeReference<>() {}));
      List<CfRecord> items = answer.result() == null ? List.of() : answer.result();
      all.addAll(items);
      if (lastPage(answer.resultInfo(), page, items.size())) {
        return all;
      }
    }
    throw new RemoteServiceException.Transient(
        CloudflareErrorDecoder.SERVICE,
        "Cloudflare returned more than %d pages of DNS records".formatted(MAX_PAGES),
        null);
  }

  /**
   * Creates a record. Repeating it after a lost answer is harmless: Cloudflare refuses an identical
   * record with 81058, which the decoder reports as a Conflict for the caller to re-read.
   */
  public CfRecord createRecord(CfRecordBody body) {
    ApiRequest request =
        ApiRequest.post("/zones/{zone_id}/dns_records", zoneId).withJson(body).retryable();
    return successful(request, http.send(request, new TypeReference<CfEnvelope<CfRecord>>() {}))
        .result();
  }

  /** Overwrites every field of a record (PUT); idempotent by nature. */
  public CfRecord replaceRecord(String recordId, CfRecordBody body) {
    ApiRequest request =
        new ApiRequest(
            "PUT",
            "/zones/{zone_id}/dns_records/{dns_record_id}",
            List.of(zoneId, recordId),
            List.of(),
            body,
            true);
    return successful(request, http.send(request, new TypeReference<CfEnvelope<CfRecord>>() {}))
        .result();
  }

  /** Deletes a record; one that is already gone counts as deleted. */
  public void deleteRecord(String recordId) {
    try {
      http.execute(
          ApiRequest.delete("/zones/{zone_id}/dns_records/{dns_record_id}", zoneId, recordId));
    } catch (RemoteServiceException.NotFound alreadyGone) {
      // The goal of a delete is that the record does not exist; it does not.
    }
  }

  /** A 200 with {@code success:false} is a failure all the same. */
  private static <T> CfEnvelope<T> successful(ApiRequest request, CfEnvelope<T> envelope) {
    if (envelope.succeeded()) {
      return envelope;
    }
    String detail = String.join("; ", envelope.errorList().stream().map(CfMessage::text).toList());
    throw new RemoteServiceException.Rejected(
        CloudflareErrorDecoder.SERVICE,
        "Cloudflare answered " + request.endpoint() + " with success=false: " + detail,
        "");
  }

  private boolean lastPage(CfResultInfo info, int page, int itemsOnPage) {
    if (info != null && info.totalPages() != null) {
      return page >= info.totalPages();
    }
    // Older answers carry no total_pages: a short page is the last.
    return itemsOnPage < pageSize;
  }
}
