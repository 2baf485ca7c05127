package dev.ironkube.access.teleport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.http.RequestLogEntry;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.teleport.TeleportAuthFake;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Teleport's gRPC calls reach the --verbose request log: method, status, time, never a token. */
class TeleportRequestLogTest {
  @Test
  void everyCallIsLoggedWithoutItsMessages(@TempDir Path dir) {
    List<RequestLogEntry> log = new CopyOnWriteArrayList<>();
    try (var auth =
            new TeleportAuthFake(
                "sim.teleport.example", TimeModel.instant(), new Faults(7), Clock.systemUTC());
        var client =
            new TeleportClient(
                auth.proxyAddress(),
                TeleportIdentity.read(auth.writeIdentityFile(dir.resolve("identity"))),
                Clock.systemUTC(),
                new SecureRandom(),
                log::add)) {
      JoinToken token = client.createKubeJoinToken();
      client.registeredKubeClusters();
      client.deleteToken(token);
      // teleport api/proto/teleport/legacy/client/proto/authservice.proto: service AuthService in
      // package proto; the calls are CreateTokenV2, ListResources and DeleteToken.
      assertThat(log)
          .extracting(RequestLogEntry::path)
          .containsExactly(
              "/proto.AuthService/CreateTokenV2",
              "/proto.AuthService/ListResources",
              "/proto.AuthService/DeleteToken");
      assertThat(log).allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
      assertThat(log.getFirst().line())
          .startsWith("Teleport POST https://" + auth.proxyAddress() + "/proto.AuthService/")
          .matches(".* 200 [0-9]+ms");
      assertThat(log).allSatisfy(e -> assertThat(e.line()).doesNotContain(token.secret()));
    }
  }
}
