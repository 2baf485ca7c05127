package dev.ironkube.talos.factory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.FakeHttpServer;
import dev.ironkube.http.FakeHttpServer.Reply;
import dev.ironkube.http.RecordingSleeper;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImageFactoryClientTest {
  private static final String QEMU_ID =
      "ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515";

  private final FakeHttpServer server = new FakeHttpServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final ImageFactoryClient client =
      new ImageFactoryClient(
          ImageFactoryClient.transport(server.uri())
              .sleeper(sleeper)
              .clock(sleeper.clock())
              .random(new Random(3))
              .build(),
          ImageFactoryUrls.defaults());

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void uploadsTheSchematicAsYamlAndReturnsTheFactorysId() {
    server.answer(r -> Reply.json(201, "{\"id\":\"" + QEMU_ID + "\",\"schematic\":\"...\"}"));

    String id = client.createSchematic(Schematic.withExtensions("siderolabs/qemu-guest-agent"));

    assertThat(id).isEqualTo(QEMU_ID);
    FakeHttpServer.Recorded sent = server.requests().getFirst();
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo("/schematics");
    assertThat(sent.header("Content-Type")).isEqualTo("application/yaml");
    assertThat(sent.body())
        .isEqualTo(
            """
            customization:
                systemExtensions:
                    officialExtensions:
                        - siderolabs/qemu-guest-agent
            """);
  }

  @Test
  void repeatsTheUploadAfterAServerErrorSinceTheIdIsContentAddressed() {
    server.answerInTurn(Reply.json(503, "busy"), Reply.json(200, "{\"id\":\"" + QEMU_ID + "\"}"));

    assertThat(client.createSchematic(Schematic.withExtensions("siderolabs/qemu-guest-agent")))
        .isEqualTo(QEMU_ID);
    assertThat(server.requests()).hasSize(2);
    assertThat(sleeper.sleeps()).hasSize(1);
  }

  @Test
  void anUnknownExtensionIsRejectedWithTheFactorysWords() {
    server.answer(r -> Reply.json(400, "unknown system extension \"siderolabs/nope\""));

    assertThatThrownBy(() -> client.createSchematic(Schematic.withExtensions("siderolabs/nope")))
        .isInstanceOf(RemoteServiceException.Rejected.class)
        .hasMessageContaining("siderolabs/nope");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void anAnswerWithoutAnIdIsAnError() {
    server.answer(r -> Reply.json(201, "{}"));

    assertThatThrownBy(() -> client.createSchematic(Schematic.VANILLA))
        .isInstanceOf(RemoteServiceException.Transient.class);
  }
}
