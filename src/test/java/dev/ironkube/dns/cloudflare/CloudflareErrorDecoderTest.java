package dev.ironkube.dns.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.ApiRequest;
import dev.ironkube.http.ApiResponse;
import dev.ironkube.http.JsonHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudflareErrorDecoderTest {
  final CloudflareErrorDecoder decoder = new CloudflareErrorDecoder(JsonHttp.defaultMapper());

  RemoteServiceException decode(int status, Integer code, Map<String, List<String>> headers) {
    String body =
        code == null
            ? "<html>bad gateway</html>"
            : "{\"result\":null,\"success\":false,\"errors\":[{\"code\":"
                + code
                + ",\"message\":\"m\"}],\"messages\":[]}";
    return decoder.decode(
        ApiRequest.post("/zones/{zone_id}/dns_records", "z"),
        new ApiResponse(status, headers, body.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest(name = "HTTP {0} code {1} -> {2}")
  @CsvSource({
    "403, 10000, Unauthorized",
    "400, 9106, Unauthorized",
    "400, 6003, Unauthorized",
    "401, 10000, Unauthorized",
    "400, 81058, Conflict",
    "400, 81057, Conflict",
    "400, 81054, Rejected",
    "400, 9021, Rejected",
    "404, 81044, NotFound",
    "500, 10001, Transient",
    "502, , Transient",
    "429, 10100, RateLimited",
  })
  void classifies_by_status_and_code(int status, Integer code, String expected) {
    RemoteServiceException failure = decode(status, code, Map.of());

    assertThat(failure.getClass().getSimpleName()).isEqualTo(expected);
    if (failure instanceof RemoteServiceException.Unauthorized) {
      assertThat(failure.hint()).contains("CLOUDFLARE_API_TOKEN");
    }
  }

  @ParameterizedTest
  @CsvSource({"Retry-After, 30, 30000", "Retry-After-Ms, 1500, 1500"})
  void rate_limits_carry_the_servers_wait(String header, String value, long millis) {
    var limited =
        (RemoteServiceException.RateLimited) decode(429, 10100, Map.of(header, List.of(value)));

    assertThat(limited.retryAfter()).contains(Duration.ofMillis(millis));
  }
}
