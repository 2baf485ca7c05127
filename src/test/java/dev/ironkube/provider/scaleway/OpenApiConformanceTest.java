package dev.ironkube.provider.scaleway;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.http.FakeHttpServer;
import dev.ironkube.http.RecordingSleeper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The requests the client sends, checked against Scaleway's Elastic Metal OpenAPI copy. That copy
 * (May 2025) predates {@code user_data} and {@code protected} on CreateServer, so the create body
 * is validated with {@code user_data} removed and {@code user_data} is checked on its own: standard
 * base64 with padding, as the recorded December 2025 create sends it. IAM is not in that document;
 * the SSH key body is compared with the recorded IAM request instead.
 */
class OpenApiConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FakeHttpServer fake = new FakeHttpServer();
  private final ScalewayClient client = Recordings.client(fake.uri(), new RecordingSleeper());
  // Loading the spec takes seconds; once per class is enough.
  private static final OpenApiInteractionValidator validator =
      OpenApiInteractionValidator.createForSpecificationUrl(
              Recordings.dir().resolve("openapi/scaleway.baremetal.v1.Api.yml").toUri().toString())
          .build();

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void everyBaremetalCallTheClientMakesConformsToTheSpec() throws Exception {
    fake.answer(
        r -> {
          if (r.path().endsWith("/offers")) {
            return Recordings.reply(200, "baremetal.offers-list.fr-par-2.200.json");
          }
          if (r.path().endsWith("/os")) {
            return Recordings.reply(200, "baremetal.os-list.fr-par-2.200.json");
          }
          if (r.path().endsWith("/servers") && r.method().equals("GET")) {
            return FakeHttpServer.Reply.json(200, "{\"servers\":[],\"total_count\":0}");
          }
          return Recordings.reply(200, "baremetal.server-create.ordered.200.json");
        });

    client.offers("fr-par-2");
    client.operatingSystems("fr-par-2", "ddb09834-8680-4339-b5e3-19ca5205fa1f");
    client.createServer("fr-par-2", RecordedTrafficTest.minimalOrder());
    client.server("fr-par-2", Recordings.SERVER_ID);
    client.servers("fr-par-2", List.of("ironkube-cluster=demo"));
    client.deleteServer("fr-par-2", Recordings.SERVER_ID);

    assertThat(fake.requests()).hasSize(6);
    for (FakeHttpServer.Recorded sent : fake.requests()) {
      ValidationReport report = validator.validateRequest(toRequest(sent));
      assertThat(report.getMessages()).as(sent.method() + " " + sent.path()).isEmpty();
    }
  }

  @Test
  void theValidatorCatchesABodyThatBreaksTheSpec() {
    Request wrong =
        new SimpleRequest.Builder("POST", "/baremetal/v1/zones/fr-par-2/servers")
            .withHeader("X-Auth-Token", Recordings.SECRET)
            .withContentType("application/json")
            .withBody("{\"offer_id\":5,\"name\":\"x\",\"description\":\"\",\"tags\":\"no\"}")
            .build();

    assertThat(validator.validateRequest(wrong).getMessages()).isNotEmpty();
  }

  @Test
  void userDataTravelsAsPaddedStandardBase64LikeTheRecordedCreate() throws Exception {
    fake.answerInTurn(Recordings.reply(200, "baremetal.server-create.ordered.200.json"));
    client.createServer("fr-par-2", RecordedTrafficTest.minimalOrder());

    JsonNode sent = JSON.readTree(fake.requests().getFirst().body());
    JsonNode recorded =
        JSON.readTree(Recordings.body("baremetal.server-create.with-user-data.request.json"));
    String ours = sent.path("user_data").asText();
    assertThat(ours).matches("[A-Za-z0-9+/]*={0,2}").hasSize((ours.length() + 3) / 4 * 4);
    assertThat(new String(Base64.getDecoder().decode(ours), StandardCharsets.UTF_8))
        .startsWith("#!/bin/bash");
    assertThat(
            new String(
                Base64.getDecoder().decode(recorded.path("user_data").asText()),
                StandardCharsets.UTF_8))
        .startsWith("#cloud-config");
    // Every field we send is one the recorded create sent too, install included.
    assertThat(fieldNames(recorded)).containsAll(fieldNames(sent));
    assertThat(fieldNames(recorded.path("install"))).containsAll(fieldNames(sent.path("install")));
  }

  @Test
  void theSshKeyBodyHasTheRecordedIamShape() throws Exception {
    fake.answerInTurn(Recordings.reply(200, "iam.ssh-key-create.200.json"));
    client.createSshKey("ironkube-demo", "ssh-ed25519 AAAAC3Nza x@y");

    JsonNode sent = JSON.readTree(fake.requests().getFirst().body());
    JsonNode recorded = JSON.readTree(Recordings.body("iam.ssh-key-create.request.json"));
    assertThat(fieldNames(sent)).containsExactlyInAnyOrderElementsOf(fieldNames(recorded));
  }

  private static Request toRequest(FakeHttpServer.Recorded sent) throws Exception {
    SimpleRequest.Builder builder =
        new SimpleRequest.Builder(sent.method(), sent.path())
            .withHeader("X-Auth-Token", sent.header("X-Auth-Token"));
    for (Map.Entry<String, List<String>> param : sent.query().entrySet()) {
      builder.withQueryParam(param.getKey(), param.getValue());
    }
    if (!sent.body().isEmpty()) {
      ObjectNode body = (ObjectNode) JSON.readTree(sent.body());
      body.remove("user_data");
      builder.withContentType("application/json").withBody(JSON.writeValueAsString(body));
    }
    return builder.build();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
