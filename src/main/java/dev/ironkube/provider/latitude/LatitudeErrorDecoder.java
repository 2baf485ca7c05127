package dev.ironkube.provider.latitude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.failure.ProviderException;
import dev.ironkube.http.ApiRequest;
import dev.ironkube.http.ApiResponse;
import dev.ironkube.http.ErrorDecoder;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Classifies Latitude's error answers. The HTTP status decides the class; the body only adds the
 * detail, and tells a duplicate name (which Latitude answers with 400 or 422) from other
 * rejections. Messages hold the endpoint and Latitude's text, never request headers.
 */
final class LatitudeErrorDecoder implements ErrorDecoder {
  static final String SERVICE = "Latitude.sh";
  static final String KEY_HINT =
      "check LATITUDE_API_KEY, or create a key at https://www.latitude.sh/dashboard/api";

  private final java.util.function.Supplier<ObjectMapper> mapper;

  LatitudeErrorDecoder(ObjectMapper mapper) {
    this(() -> mapper);
  }

  /** With the transport's mapper, made when the first error needs reading. */
  LatitudeErrorDecoder(java.util.function.Supplier<ObjectMapper> mapper) {
    this.mapper = mapper;
  }

  @Override
  public ProviderException decode(ApiRequest request, ApiResponse response) {
    LatErrors errors = parse(response);
    LatErrors.Item first = errors.items().isEmpty() ? null : errors.items().getFirst();
    String detail = first == null ? "" : first.text();
    int status = response.status();
    String message =
        "%s answered %s with HTTP %d%s"
            .formatted(SERVICE, request.endpoint(), status, detail.isEmpty() ? "" : ": " + detail);
    if (status == 401 || status == 403) {
      return new ProviderException.Unauthorized(
          SERVICE,
          status == 401
              ? SERVICE + " did not accept the API key" + (detail.isEmpty() ? "" : ": " + detail)
              : SERVICE + " refused " + request.endpoint() + " for this API key: " + detail,
          KEY_HINT);
    }
    if (status == 404) {
      return new ProviderException.NotFound(SERVICE, message);
    }
    if (status == 409 || ((status == 400 || status == 422) && duplicate(first))) {
      return new ProviderException.Conflict(
          SERVICE, message, "use another name or reuse the existing resource");
    }
    if (status == 429) {
      return new ProviderException.RateLimited(SERVICE, message, retryAfter(first, response));
    }
    if (status >= 500) {
      return new ProviderException.Transient(SERVICE, message, null);
    }
    if (status == 423) {
      return new ProviderException.Rejected(
          SERVICE, message, "the server is locked; unlock it in the Latitude.sh dashboard first");
    }
    return new ProviderException.Rejected(SERVICE, message, "");
  }

  private LatErrors parse(ApiResponse response) {
    if (!response.hasBody()) {
      return new LatErrors(null);
    }
    try {
      return mapper.get().readValue(response.body(), LatErrors.class);
    } catch (IOException e) {
      // Cloudflare's HTML error pages land here; the status still says enough.
      return new LatErrors(null);
    }
  }

  /** Latitude has no dedicated duplicate code; its codes and details say "already" or "taken". */
  private static boolean duplicate(LatErrors.Item item) {
    if (item == null) {
      return false;
    }
    String text = (item.code() + " " + item.text()).toLowerCase(Locale.ROOT);
    return text.contains("already") || text.contains("taken") || text.contains("duplicate");
  }

  private static Duration retryAfter(LatErrors.Item item, ApiResponse response) {
    Optional<Duration> fromBody =
        Optional.ofNullable(item)
            .map(LatErrors.Item::meta)
            .map(meta -> meta.get("retry_after"))
            .flatMap(LatitudeErrorDecoder::seconds);
    return fromBody
        .or(() -> response.header("Retry-After").flatMap(LatitudeErrorDecoder::seconds))
        .orElse(null);
  }

  private static Optional<Duration> seconds(JsonNode node) {
    if (node.isNumber()) {
      return Optional.of(Duration.ofMillis(Math.round(node.asDouble() * 1000)));
    }
    return node.isTextual() ? seconds(node.asText()) : Optional.empty();
  }

  private static Optional<Duration> seconds(String text) {
    try {
      long value = Long.parseLong(text.trim());
      return value < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
