package dev.ironkube.provider.scaleway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.ApiRequest;
import dev.ironkube.http.ApiResponse;
import dev.ironkube.http.JsonHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScalewayErrorDecoderTest {
  private final ScalewayErrorDecoder decoder = new ScalewayErrorDecoder(JsonHttp.defaultMapper());
  private final ApiRequest create =
      ApiRequest.post("/baremetal/v1/zones/{zone}/servers", "fr-par-2");

  @Test
  void statusDecidesTheClassAndTypeRefinesIt() {
    assertThat(
            decode(
                403, "{\"message\":\"insufficient permissions\",\"type\":\"permissions_denied\"}"))
        .isInstanceOf(RemoteServiceException.Unauthorized.class);
    assertThat(decode(403, "{\"message\":\"quota(s) exceeded\",\"type\":\"quotas_exceeded\"}"))
        .isInstanceOf(RemoteServiceException.Rejected.class);
    assertThat(decode(409, "{\"message\":\"resource is out of stock\",\"type\":\"out_of_stock\"}"))
        .isInstanceOf(RemoteServiceException.Rejected.class);
    assertThat(
            decode(
                409,
                "{\"message\":\"resource is in a transient state\",\"type\":\"transient_state\"}"))
        .isInstanceOf(RemoteServiceException.Conflict.class);
    assertThat(decode(500, "<html>oops</html>"))
        .isInstanceOf(RemoteServiceException.Transient.class);
    assertThat(decode(503, "{\"message\":\"service unavailable\"}"))
        .isInstanceOf(RemoteServiceException.Transient.class);
  }

  @Test
  void invalidArgumentsNameTheFieldToFix() {
    RemoteServiceException e =
        decode(
            400,
            "{\"details\":[{\"argument_name\":\"install.ssh_key_ids\",\"help_message\":\"required\","
                + "\"reason\":\"required\"}],\"message\":\"invalid argument(s)\",\"type\":\"invalid_arguments\"}");

    assertThat(e).isInstanceOf(RemoteServiceException.Rejected.class);
    assertThat(e.hint()).contains("install.ssh_key_ids");
  }

  private RemoteServiceException decode(int status, String body) {
    return decoder.decode(
        create,
        new ApiResponse(
            status,
            Map.of("Content-Type", List.of("application/json")),
            body.getBytes(StandardCharsets.UTF_8)));
  }
}
