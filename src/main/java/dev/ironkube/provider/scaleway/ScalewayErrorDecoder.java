package dev.ironkube.provider.scaleway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.ApiRequest;
import dev.ironkube.http.ApiResponse;
import dev.ironkube.http.ErrorDecoder;
import dev.ironkube.http.FailureKind;
import dev.ironkube.http.RetryAfter;
import java.io.IOException;
import java.util.Locale;

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
      "check the secret key given (SCW_SECRET_KEY, --api-key, typed at the prompt, or kept in"
          + " $IRONKUBE_HOME/credentials) and that its API key may use project"
          + " SCW_DEFAULT_PROJECT_ID, "
          + "or create a key at https://console.scaleway.com/iam/api-keys";
  static final String CLOUD_INIT_HINT =
      "choose an offer tagged cloud-init (see ironkube offers); the Talos pivot needs user data";

  private final ObjectMapper mapper;

  ScalewayErrorDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public RemoteServiceException decode(ApiRequest request, ApiResponse response) {
    JsonNode body = parse(response);
    String text = body.path("message").asText("");
    String type = body.path("type").asText("");
    int status = response.status();
    String requestId =
        response.header("X-Request-Id").map(id -> " (request " + id + ")").orElse("");
    String message = ErrorDecoder.answered(SERVICE, request, status, text) + requestId;
    String noRetry = noRetryHint(text, type);
    if (noRetry != null) {
      return FailureKind.REJECTED.failure(SERVICE, message, noRetry, null);
    }
    FailureKind kind = FailureKind.of(status);
    String hint =
        switch (kind) {
          case UNAUTHORIZED -> KEY_HINT;
          case CONFLICT -> "wait for the resource to settle, or reuse the existing one";
          case REJECTED -> details(body);
          default -> "";
        };
    if (kind == FailureKind.UNAUTHORIZED && status == 401) {
      message = SERVICE + " did not accept the secret key" + (text.isEmpty() ? "" : ": " + text);
    }
    // The gateway sends no Retry-After in the recordings; honoured if it ever does.
    return kind.failure(SERVICE, message, hint, RetryAfter.of(response).orElse(null));
  }

  /** The answers retrying cannot help, whatever their status; null for all others. */
  private static String noRetryHint(String text, String type) {
    if (text.toLowerCase(Locale.ROOT).contains("cloud-init is not supported")) {
      return CLOUD_INIT_HINT;
    }
    return switch (type) {
      case "out_of_stock" -> "the offer is out of stock in this zone; choose another offer or zone";
      case "quotas_exceeded" -> "raise the quota in the Scaleway console or delete unused servers";
      default -> null;
    };
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
}
