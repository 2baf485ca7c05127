package dev.ironkube.provider.scaleway;

import dev.ironkube.http.FakeHttpServer;
import dev.ironkube.http.JsonHttp;
import dev.ironkube.http.RecordingSleeper;
import dev.ironkube.settings.Secret;
import dev.ironkube.sim.Contracts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The recorded Scaleway bodies in contracts/, and a client wired the way production wires it. */
final class Recordings {
  static final String PROJECT = "d3520a52-2c75-4ba0-bda8-82dd087f07f2";
  static final String SERVER_ID = "ce3cf028-f2af-4f73-b7a1-d36c89698e23";
  static final String SECRET = "6f0c3b7e-0000-4000-8000-00000000beef";

  private Recordings() {}

  static Path dir() {
    return Contracts.dir("scaleway").resolve("recorded");
  }

  static String body(String extracted) {
    try {
      return Files.readString(
          dir().resolve("extracted").resolve(extracted), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FakeHttpServer.Reply reply(int status, String extracted) {
    return FakeHttpServer.Reply.json(status, body(extracted))
        .withHeader("X-Request-Id", "7d8e2b9c-recorded");
  }

  /** The gateway's bare 429, as recorded 13 times: no body, no Content-Type, no Retry-After. */
  static FakeHttpServer.Reply rateLimited() {
    return FakeHttpServer.Reply.empty(429).withHeader("X-Envoy-Ratelimited", "true");
  }

  static ScalewayClient client(URI uri, RecordingSleeper sleeper) {
    JsonHttp http =
        ScalewayClient.transport(uri, Secret.of(SECRET))
            .sleeper(sleeper)
            .clock(sleeper.clock())
            .random(new Random(7))
            .build();
    return new ScalewayClient(http, PROJECT);
  }
}
