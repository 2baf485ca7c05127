package dev.ironkube.provider.latitude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.ApiRequest;
import dev.ironkube.http.ApiResponse;
import dev.ironkube.http.JsonHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Latitude's error bodies, recorded where a recording exists, mapped to failure classes. */
class LatitudeErrorDecoderTest {
  private static final LatitudeErrorDecoder DECODER =
      new LatitudeErrorDecoder(
          JsonHttp.defaultMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));

  static Stream<Arguments> answers() {
    Cassette projects = Cassette.load("terraform-provider-latitudesh/TestAccProject_Basic.yaml");
    Cassette duplicate =
        Cassette.load("terraform-provider-latitudesh/TestAccLatitudeFirewallAssignment_Basic.yaml");
    Cassette locked = Cassette.load("latitudesh-go/TestAccServerBasic.yaml");
    String notFound =
        projects.matching("GET", "/projects/proj_XDO7NYy6dNPgw").getLast().response().body();
    String lockedBody =
        locked.matching("PATCH", "/servers/sv_LqG158rA60BOg").stream()
            .filter(i -> i.response().code() == 423)
            .findFirst()
            .orElseThrow()
            .response()
            .body();
    return Stream.of(
        Arguments.of(
            404, notFound, RemoteServiceException.NotFound.class, "Specified Record Not Found"),
        Arguments.of(
            400,
            duplicate.first("POST", "/projects").body(),
            RemoteServiceException.Conflict.class,
            "same name already exists"),
        Arguments.of(423, lockedBody, RemoteServiceException.Rejected.class, "Server is locked"),
        Arguments.of(
            422,
            "{\"errors\":[{\"code\":\"VALIDATION_ERROR\",\"status\":\"422\",\"title\":\"Validation Error\",\"detail\":\"must be filled\"}]}",
            RemoteServiceException.Rejected.class,
            "must be filled"),
        Arguments.of(
            422,
            "{\"errors\":[{\"code\":\"NAME_ALREADY_TAKEN\",\"status\":\"422\"}]}",
            RemoteServiceException.Conflict.class,
            "NAME_ALREADY_TAKEN"),
        Arguments.of(409, "", RemoteServiceException.Conflict.class, "HTTP 409"),
        Arguments.of(
            403,
            "{\"errors\":[{\"status\":\"forbidden\",\"title\":\"Forbidden\"}]}",
            RemoteServiceException.Unauthorized.class,
            "Forbidden"),
        Arguments.of(
            401,
            "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"Invalid token\"}]}",
            RemoteServiceException.Unauthorized.class,
            "Invalid token"),
        Arguments.of(
            500,
            "{\"errors\":[{\"code\":null}]}",
            RemoteServiceException.Transient.class,
            "HTTP 500"),
        Arguments.of(
            502,
            "<html><body>Bad gateway</body></html>",
            RemoteServiceException.Transient.class,
            "HTTP 502"),
        Arguments.of(429, "not json", RemoteServiceException.RateLimited.class, "HTTP 429"));
  }

  @ParameterizedTest
  @MethodSource("answers")
  void classifiesByStatusAndKeepsTheDetail(int status, String body, Class<?> type, String text) {
    RemoteServiceException failure = decode(status, body, Map.of());
    assertThat(failure).isInstanceOf(type);
    assertThat(failure.getMessage()).contains(text);
    assertThat(failure.service()).isEqualTo("Latitude.sh");
  }

  @ParameterizedTest
  @MethodSource("rateLimits")
  void readsTheRateLimitHintFromTheBodyThenTheHeader(
      String body, Map<String, List<String>> headers, Duration expected) {
    var limited = (RemoteServiceException.RateLimited) decode(429, body, headers);
    assertThat(limited.retryAfter().orElse(null)).isEqualTo(expected);
  }

  static Stream<Arguments> rateLimits() {
    return Stream.of(
        Arguments.of(
            "{\"errors\":[{\"meta\":{\"retry_after\":60}}]}",
            Map.of("Retry-After", List.of("5")),
            Duration.ofSeconds(60)),
        Arguments.of(
            "{\"errors\":[{\"meta\":{\"retry_after\":\"12\"}}]}", Map.of(), Duration.ofSeconds(12)),
        Arguments.of(
            "{\"errors\":[{\"meta\":{}}]}",
            Map.of("retry-after", List.of("5")),
            Duration.ofSeconds(5)),
        Arguments.of("{\"errors\":[]}", Map.of(), null));
  }

  private static RemoteServiceException decode(
      int status, String body, Map<String, List<String>> headers) {
    return DECODER.decode(
        ApiRequest.get("/projects/{project_id}", "proj_1"),
        new ApiResponse(status, headers, body.getBytes(StandardCharsets.UTF_8)));
  }
}
