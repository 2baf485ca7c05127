package dev.ironkube.dns.cloudflare;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.failure.ProviderException;
import dev.ironkube.http.ApiRequest;
import dev.ironkube.http.ApiResponse;
import dev.ironkube.http.ErrorDecoder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies Cloudflare's {@code {"success":false,"errors":[{code,message}]}} answers. Codes decide
 * where the status alone is ambiguous: Cloudflare answers a missing or malformed auth header with
 * 400, and a duplicate record with 400 too.
 */
final class CloudflareErrorDecoder implements ErrorDecoder {
  static final String SERVICE = "Cloudflare";
  static final String TOKEN_HINT =
      "check CLOUDFLARE_API_TOKEN: it must be an API token (not the global key) with"
          + " Zone > DNS > Edit on the zone CLOUDFLARE_ZONE_ID";

  /** 81057 (before 2024) and 81058 (recorded 2025): an identical record exists already. */
  static final Set<Integer> DUPLICATE = Set.of(81057, 81058);

  /** An A record cannot share its name with a CNAME: 81053 (older), 81054 (2024+). */
  private static final Set<Integer> CNAME_CLASH = Set.of(81053, 81054);

  /** 10000 authentication error; 9106 missing auth headers; 6003/6102/6103 malformed ones. */
  private static final Set<Integer> AUTH = Set.of(10000, 9106, 9109, 6003, 6102, 6103, 6111);

  private final ObjectMapper mapper;

  CloudflareErrorDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public ProviderException decode(ApiRequest request, ApiResponse response) {
    List<CfMessage> errors = parse(response);
    int status = response.status();
    String detail =
        String.join("; ", errors.stream().map(CfMessage::text).filter(s -> !s.isEmpty()).toList());
    String message =
        "%s answered %s with HTTP %d%s"
            .formatted(SERVICE, request.endpoint(), status, detail.isEmpty() ? "" : ": " + detail);
    boolean authCode = errors.stream().anyMatch(e -> AUTH.contains(e.codeOrZero()));
    if (status == 401 || status == 403 || authCode) {
      return new ProviderException.Unauthorized(
          SERVICE,
          SERVICE + " refused the API token for " + request.endpoint() + suffix(detail),
          TOKEN_HINT);
    }
    if (status == 429) {
      return new ProviderException.RateLimited(SERVICE, message, retryAfter(response).orElse(null));
    }
    if (status >= 500) {
      return new ProviderException.Transient(SERVICE, message, null);
    }
    if (errors.stream().anyMatch(e -> DUPLICATE.contains(e.codeOrZero()))) {
      return new ProviderException.Conflict(
          SERVICE, message, "the record exists already; read it again instead of creating it");
    }
    if (errors.stream().anyMatch(e -> CNAME_CLASH.contains(e.codeOrZero()))) {
      return new ProviderException.Rejected(
          SERVICE, message, "a CNAME holds this name; remove it in the Cloudflare dashboard");
    }
    if (status == 404) {
      return new ProviderException.NotFound(SERVICE, message);
    }
    return new ProviderException.Rejected(SERVICE, message, "");
  }

  private static String suffix(String detail) {
    return detail.isEmpty() ? "" : ": " + detail;
  }

  private List<CfMessage> parse(ApiResponse response) {
    if (!response.hasBody()) {
      return List.of();
    }
    try {
      CfEnvelope<Object> envelope =
          mapper.readValue(response.body(), new TypeReference<CfEnvelope<Object>>() {});
      return envelope.errorList();
    } catch (IOException e) {
      // An HTML error page from the edge; the status says enough.
      return List.of();
    }
  }

  /** Cloudflare's SDKs honour Retry-After-Ms before Retry-After (seconds); so does ironkube. */
  static Optional<Duration> retryAfter(ApiResponse response) {
    Optional<Duration> millis =
        response.header("Retry-After-Ms").flatMap(v -> number(v)).map(Duration::ofMillis);
    return millis.or(
        () -> response.header("Retry-After").flatMap(v -> number(v)).map(Duration::ofSeconds));
  }

  private static Optional<Long> number(String text) {
    try {
      long value = Long.parseLong(text.trim());
      return value < 0 ? Optional.empty() : Optional.of(value);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
