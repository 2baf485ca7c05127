package dev.ironkube.secrets.infisical;

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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies Infisical's {@code {"reqId","statusCode","message","error"}} answers. An expired token
 * is a 403 {@code TokenError}, not a 401: both are {@link RemoteServiceException.Unauthorized}, and
 * the session logs in again once on either.
 */
final class InfisicalErrorDecoder implements ErrorDecoder {
  static final String SERVICE = "Infisical";
  static final String CREDENTIALS_HINT =
      "check INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET, and"
          + " that the machine identity may read the project INFISICAL_PROJECT_ID";
  private static final Pattern SECONDS = Pattern.compile("in (\\d+) seconds");

  private final ObjectMapper mapper;

  InfisicalErrorDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public RemoteServiceException decode(ApiRequest request, ApiResponse response) {
    JsonNode body = parse(response);
    String name = body.path("error").asText("");
    String text = text(body.path("message"));
    String detail = (name.isEmpty() ? "" : name + ": ") + text;
    String reqId = body.path("reqId").asText("");
    int status = response.status();
    String message =
        ErrorDecoder.answered(SERVICE, request, status, detail.strip())
            + (reqId.isEmpty() ? "" : " (reqId " + reqId + ")");
    FailureKind kind = FailureKind.of(status);
    return kind.failure(
        SERVICE,
        message,
        kind == FailureKind.UNAUTHORIZED ? CREDENTIALS_HINT : "",
        retryAfter(response, text));
  }

  private JsonNode parse(ApiResponse response) {
    if (!response.hasBody()) {
      return mapper.createObjectNode();
    }
    try {
      return mapper.readTree(response.body());
    } catch (IOException e) {
      return mapper.createObjectNode();
    }
  }

  /** A 422's message is an array of zod issues, not a string. */
  private static String text(JsonNode message) {
    if (message.isTextual()) {
      return message.asText();
    }
    if (message.isArray()) {
      List<String> parts = new ArrayList<>();
      message.forEach(issue -> parts.add(issue.path("message").asText(issue.toString())));
      return String.join("; ", parts);
    }
    return "";
  }

  /** The header when sent, else the seconds Infisical names in its message. */
  private static Duration retryAfter(ApiResponse response, String text) {
    return RetryAfter.of(response)
        .orElseGet(
            () -> {
              Matcher m = SECONDS.matcher(text);
              return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : null;
            });
  }
}
