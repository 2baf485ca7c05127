package dev.ironkube.provider.scaleway;

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
 * Classifies Scaleway's error answers by HTTP status first and the body's {@code type} second:
 * baremetal errors are untyped ({@code {"message":"Not Found"}}), IAM ones typed, and the gateway's
 * 429 has no body at all. Two answers are reclassified because retrying them cannot help: an order
 * on an offer without cloud-init (HTTP 503 in the recordings) and anything typed {@code
 * out_of_stock} or {@code quotas_exceeded}.
 */
final class ScalewayErrorDecoder implements ErrorDecoder {
  static final String SERVICE = "Scaleway";
  static final String KEY_HINT =
      "check SCW_SECRET_KEY (and that its API key may use project SCW_DEFAULT_PROJECT_ID), "
          + "or create a key at https://console.scaleway.com/iam/api-keys";
  static final String CLOUD_INIT_HINT =
      "choose an offer tagged cloud-init (see ironkube offers); the Talos pivot needs user data";

  private final ObjectMapper mapper;

  ScalewayErrorDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public ProviderException decode(ApiRequest request, ApiResponse response) {
    JsonNode body = parse(response);
    String text = body.path("message").asText("");
    String type = body.path("type").asText("");
    int status = response.status();
    String requestId =
        response.header("X-Request-Id").map(id -> " (request " + id + ")").orElse("");
    String message =
        "%s answered %s with HTTP %d%s%s"
            .formatted(
                SERVICE, request.endpoint(), status, text.isEmpty() ? "" : ": " + text, requestId);
    if (text.toLowerCase(Locale.ROOT).contains("cloud-init is not supported")) {
      return new ProviderException.Rejected(SERVICE, message, CLOUD_INIT_HINT);
    }
    if ("out_of_stock".equals(type)) {
      return new ProviderException.Rejected(
          SERVICE, message, "the offer is out of stock in this zone; choose another offer or zone");
    }
    if ("quotas_exceeded".equals(type)) {
      return new ProviderException.Rejected(
          SERVICE, message, "raise the quota in the Scaleway console or delete unused servers");
    }
    if (status == 401 || status == 403) {
      return new ProviderException.Unauthorized(
          SERVICE,
          (status == 401 ? SERVICE + " did not accept the secret key" : message)
              + (status == 401 && !text.isEmpty() ? ": " + text : ""),
          KEY_HINT);
    }
    if (status == 404) {
      return new ProviderException.NotFound(SERVICE, message);
    }
    if (status == 409) {
      return new ProviderException.Conflict(
          SERVICE, message, "wait for the resource to settle, or reuse the existing one");
    }
    if (status == 429) {
      return new ProviderException.RateLimited(SERVICE, message, retryAfter(response).orElse(null));
    }
    if (status >= 500) {
      return new ProviderException.Transient(SERVICE, message, null);
    }
    return new ProviderException.Rejected(SERVICE, message, details(body));
  }

  private JsonNode parse(ApiResponse response) {
    if (!response.hasBody()) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode node = mapper.readTree(response.body());
      return node == null || !node.isObject() ? mapper.createObjectNode() : node;
    } catch (IOException e) {
      // Gateways answer HTML now and then; the status still says enough.
      return mapper.createObjectNode();
    }
  }

  /** {@code invalid_arguments} names the offending fields; say which, as the next step. */
  private static String details(JsonNode body) {
    StringBuilder out = new StringBuilder();
    for (JsonNode detail : body.path("details")) {
      String argument = detail.path("argument_name").asText("");
      if (!argument.isEmpty()) {
        out.append(out.isEmpty() ? "fix " : ", ").append(argument);
        String help = detail.path("help_message").asText("");
        if (!help.isEmpty()) {
          out.append(" (").append(help).append(')');
        }
      }
    }
    return out.toString();
  }

  /** The gateway sends none in the recordings; honoured if it ever does. */
  private static Optional<Duration> retryAfter(ApiResponse response) {
    return response
        .header("Retry-After")
        .flatMap(
            value -> {
              try {
                long seconds = Long.parseLong(value.trim());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }
}
