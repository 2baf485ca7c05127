package dev.ironkube.provider.latitude;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.report.ValidationReport;
import dev.ironkube.http.FakeHttpServer.Recorded;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check must catch broken requests, or its silence elsewhere means nothing. */
class OpenApiContractTest {
  private static final Map<String, List<String>> HEADERS =
      Map.of(
          "Authorization", List.of("Bearer k"),
          "Content-Type", List.of("application/json"),
          "Accept", List.of("application/vnd.api+json"));

  private static Recorded post(String path, String body) {
    return new Recorded("POST", path, null, Map.of(), HEADERS, body);
  }

  private static List<String> keys(Recorded request) {
    return OpenApiContract.validate(request).getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(ValidationReport.Message::getKey)
        .toList();
  }

  @Test
  void acceptsAnIpxeServerOrder() {
    String body =
        """
        {"data":{"type":"servers","attributes":{"project":"proj_1","plan":"c2-small-x86","site":"MIA2",
          "operating_system":"ipxe","ipxe":"https://pxe.factory.talos.dev/pxe/x/v1.11.5/metal-amd64",
          "hostname":"demo-cp-1","billing":"hourly"}}}""";
    OpenApiContract.assertAllValid(List.of(post("/servers", body)));
  }

  @Test
  void rejectsAnOperatingSystemTheSpecDoesNotKnow() {
    String body =
        """
        {"data":{"type":"servers","attributes":{"project":"proj_1","plan":"c2-small-x86","site":"MIA2",
          "operating_system":"talos","hostname":"demo-cp-1","billing":"hourly"}}}""";
    assertThat(keys(post("/servers", body))).containsExactly("validation.request.body.schema.enum");
  }

  @Test
  void rejectsAProjectWithoutProvisioningType() {
    String body = "{\"data\":{\"type\":\"projects\",\"attributes\":{\"name\":\"x\"}}}";
    assertThat(keys(post("/projects", body)))
        .containsExactly("validation.request.body.schema.required");
  }

  @Test
  void rejectsAPathWithAVersionPrefix() {
    Recorded get = new Recorded("GET", "/v1/servers", null, Map.of(), HEADERS, "");
    assertThat(keys(get)).containsExactly("validation.request.path.missing");
  }
}
