package dev.ironkube.provider.latitude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.ApiRequest;
import dev.ironkube.http.ApiResponse;
import dev.ironkube.http.ErrorDecoder;
import dev.ironkube.http.FailureKind;
import dev.ironkube.http.RetryAfter;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Classifies Latitude's error answers. The HTTP status decides the class; the body only adds the
 * detail, and tells a duplicate name (which Latitude answers with 400 or 422) from other
 * rejections. Messages hold the endpoint and Latitude's text, never request headers.
 */
final class LatitudeErrorDecoder implements ErrorDecoder {
  static final String SERVICE = "Latitude.sh";
  static final String KEY_HINT =
      "check the key given (LATITUDE_API_KEY, --api-key, typed at the prompt, or kept in"
          + " $IRONKUBE_HOME/credentials), or create one at https://www.latitude.sh/dashboard/api";

  private final Supplier<ObjectMapper> mapper;

  LatitudeErrorDecoder(ObjectMapper mapper) {
    this(() -> mapper);
  }

  /** With the transport's mapper, made when the first error needs reading. */
  LatitudeErrorDecoder(Supplier<ObjectMapper> mapper) {
    this.mapper = mapper;
  }

  @Override
  public RemoteServiceException decode(ApiRequest request, ApiResponse response) {
    LatErrors errors = parse(response);
    LatErrors.Item first = errors.items().isEmpty() ? null : errors.items().getFirst();
    String detail = first == null ? "" : first.text();
    int status = response.status();
    FailureKind kind =
        (status == 400 || status == 422) && duplicate(first)
            ? FailureKind.CONFLICT
            : FailureKind.of(status);
    String message =
        switch (kind) {
          case UNAUTHORIZED ->
              status == 401
                  ? SERVICE
                      + " did not accept the API key"
                      + (detail.isEmpty() ? "" : ": " + detail)
                  : SERVICE + " refused " + request.endpoint() + " for this API key: " + detail;
          default -> ErrorDecoder.answered(SERVICE, request, status, detail);
        };
    String hint =
        switch (kind) {
          case UNAUTHORIZED -> KEY_HINT;
          case CONFLICT -> "use another name or reuse the existing resource";
          case REJECTED ->
              status == 423
                  ? "the server is locked; unlock it in the Latitude.sh dashboard first"
                  : "";
          default -> "";
        };
    return kind.failure(SERVICE, message, hint, retryAfter(first, response));
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

  /**
   * Latitude documents {@code meta.retry_after} (seconds) in the 429 body; the header is a
   * fallback.
   */
  private static Duration retryAfter(LatErrors.Item item, ApiResponse response) {
    Optional<Duration> fromBody =
        Optional.ofNullable(item)
            .map(LatErrors.Item::meta)
            .map(meta -> meta.get("retry_after"))
            .flatMap(LatitudeErrorDecoder::seconds);
    return fromBody.or(() -> RetryAfter.of(response)).orElse(null);
  }

  private static Optional<Duration> seconds(JsonNode node) {
    if (node.isNumber()) {
      return Optional.of(Duration.ofMillis(Math.round(node.asDouble() * 1000)));
    }
    return node.isTextual() ? RetryAfter.deltaSeconds(node.asText()) : Optional.empty();
  }
}
