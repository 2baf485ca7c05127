package dev.ironkube.provider.scaleway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.FakeHttpServer;
import dev.ironkube.http.JsonHttp;
import dev.ironkube.http.RecordingSleeper;
import dev.ironkube.http.RequestLogEntry;
import dev.ironkube.provider.PlanOffer;
import dev.ironkube.provider.Server;
import dev.ironkube.settings.Secret;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against Scaleway's recorded answers, served as recorded from 127.0.0.1. */
class RecordedTrafficTest {
  private final FakeHttpServer fake = new FakeHttpServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final ScalewayClient client = Recordings.client(fake.uri(), sleeper);

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void offersParseWithPricesStockAndCloudInitNotes() {
    fake.answerInTurn(Recordings.reply(200, "baremetal.offers-list.fr-par-2.200.json"));

    List<ScwOffer> offers = client.offers("fr-par-2");
    List<PlanOffer> plans = offers.stream().map(o -> ScalewayOffers.of(o, "fr-par-2")).toList();

    assertThat(offers).hasSize(32);
    assertThat(fake.requests()).hasSize(1);
    assertThat(fake.requests().getFirst().queryParam("subscription_period")).isEqualTo("hourly");
    assertThat(fake.requests().getFirst().header("X-Auth-Token")).isEqualTo(Recordings.SECRET);
    PlanOffer i215 = plan(plans, "EM-I215E-NVME");
    assertThat(i215.hourlyPrice()).isEqualByComparingTo(new BigDecimal("0.904"));
    assertThat(i215.currency()).isEqualTo("EUR");
    assertThat(i215.inStock()).isTrue();
    assertThat(i215.note()).isEmpty();
    assertThat(i215.site()).isEqualTo("fr-par-2");
    assertThat(i215.cores()).isPositive();
    assertThat(plan(plans, "EM-L420E-NVME").hourlyPrice()).isEqualByComparingTo("1.014");
    assertThat(plan(plans, "EM-B320E-NVME").inStock()).isFalse();
    PlanOffer noCloudInit = plan(plans, "EM-L110X-SATA");
    assertThat(noCloudInit.note()).isEqualTo(ScalewayOffers.NO_CLOUD_INIT);
    assertThat(plans.stream().filter(p -> p.note().isEmpty())).hasSize(18);
  }

  @Test
  void pivotOsIsTheNewestCloudInitUbuntuTheOfferAccepts() throws Exception {
    fake.answerInTurn(Recordings.reply(200, "baremetal.os-list.fr-par-2.200.json"));
    List<ScwOs> oses = client.operatingSystems("fr-par-2", "ddb09834-8680-4339-b5e3-19ca5205fa1f");
    ScwOffer offer =
        JsonHttp.defaultMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .readValue(
                Recordings.body("baremetal.offer-get.EM-I215E-NVME.200.json"), ScwOffer.class);

    assertThat(oses).hasSize(27);
    Optional<ScwOs> chosen = PivotOs.choose(oses, offer);
    assertThat(chosen).isPresent();
    assertThat(chosen.get().id()).isEqualTo("7d1914e1-f4ab-47fc-bd8c-b3a23143e87a");
    assertThat(chosen.get().sshRequired()).isTrue();
    assertThat(fake.requests().getFirst().queryParam("offer_id"))
        .isEqualTo("ddb09834-8680-4339-b5e3-19ca5205fa1f");
  }

  @Test
  void sshKeysAreFoundByExactNameInTheProjectAndCreated() {
    fake.answerInTurn(
        Recordings.reply(200, "iam.ssh-keys-list.by-name-and-project.200.json"),
        Recordings.reply(200, "iam.ssh-key-create.200.json"));

    Optional<ScwSshKey> found = client.findSshKey("test-ssh-key-list-1");
    ScwSshKey created = client.createSshKey("test-ssh-key-list-1", "ssh-ed25519 AAAA x@y");

    assertThat(found).map(ScwSshKey::id).contains("66f033f6-7cf4-4ed3-9c9a-1f7f8acd6098");
    assertThat(created.fingerprint()).startsWith("256 MD5:");
    FakeHttpServer.Recorded list = fake.requests().getFirst();
    assertThat(list.path()).isEqualTo("/iam/v1alpha1/ssh-keys");
    assertThat(list.queryParam("project_id")).isEqualTo(Recordings.PROJECT);
    assertThat(Integer.parseInt(list.queryParam("page_size"))).isBetween(1, 100);
    assertThat(fake.requests().get(1).body()).contains("\"project_id\":\"" + Recordings.PROJECT);
  }

  @Test
  void aNameThatOnlyContainsTheWantedOneIsNotAMatch() {
    fake.answerInTurn(Recordings.reply(200, "iam.ssh-keys-list.by-name-and-project.200.json"));

    assertThat(client.findSshKey("test-ssh-key-list")).isEmpty();
  }

  @Test
  void theRecordedInstallSequenceIsActiveOnlyOnceTheInstallCompleted() {
    fake.answerInTurn(
        Recordings.reply(200, "baremetal.server-create.ordered.200.json"),
        Recordings.reply(200, "baremetal.server-get.ordered.200.json"),
        Recordings.reply(200, "baremetal.server-get.ready-to_install.200.json"),
        Recordings.reply(200, "baremetal.server-get.ready-installing.200.json"),
        Recordings.reply(200, "baremetal.server-get.ready-completed.200.json"));

    ScwServer created = client.createServer("fr-par-2", minimalOrder());
    List<Server> polled =
        List.of(1, 2, 3, 4).stream()
            .map(i -> client.server("fr-par-2", Recordings.SERVER_ID).orElseThrow())
            .map(s -> ScalewayProvider.toServer(s, "fr-par-2"))
            .toList();

    assertThat(created.status()).isEqualTo("ordered");
    assertThat(created.ipv4()).isNull();
    assertThat(ScalewayProvider.toServer(created, "fr-par-2").state())
        .isEqualTo(Server.State.PROVISIONING);
    assertThat(polled)
        .extracting(Server::state)
        .containsExactly(
            Server.State.PROVISIONING,
            Server.State.PROVISIONING,
            Server.State.PROVISIONING,
            Server.State.ACTIVE);
    assertThat(polled.get(1).status()).isEqualTo("ready (install to_install)");
    Server done = polled.getLast();
    assertThat(done.ipv4()).isEqualTo("195.154.100.190");
    assertThat(done.id()).isEqualTo("fr-par-2/" + Recordings.SERVER_ID);
    assertThat(done.plan()).isEqualTo("EM-I215E-NVME");
  }

  @Test
  void deleteAnswersDeletingThenTheServerIsGone() {
    fake.answerInTurn(
        Recordings.reply(200, "baremetal.server-delete.deleting.200.json"),
        Recordings.reply(404, "baremetal.server-get.after-delete.404.json"));

    client.deleteServer("fr-par-2", Recordings.SERVER_ID);

    assertThat(client.server("fr-par-2", Recordings.SERVER_ID)).isEmpty();
    assertThat(fake.requests())
        .extracting(FakeHttpServer.Recorded::method)
        .containsExactly("DELETE", "GET");
  }

  @Test
  void deletingWhatIsAlreadyGoneSucceeds() {
    fake.answerInTurn(
        Recordings.reply(404, "baremetal.server-get.after-delete.404.json"),
        Recordings.reply(404, "iam.ssh-key-get.after-delete.404.json"));

    client.deleteServer("fr-par-2", Recordings.SERVER_ID);
    client.deleteSshKey("66f033f6-7cf4-4ed3-9c9a-1f7f8acd6098");

    assertThat(fake.requests()).hasSize(2);
  }

  @Test
  void anOfferWithoutCloudInitIsRejectedOnceAndNeverRetried() {
    fake.answerInTurn(
        Recordings.reply(503, "baremetal.server-create.cloud-init-unsupported-offer.503.json"));

    assertThatThrownBy(() -> client.createServer("fr-par-2", minimalOrder()))
        .isInstanceOf(RemoteServiceException.Rejected.class)
        .hasMessageContaining("cloud-init is not supported on this offer")
        .satisfies(e -> assertThat(((RemoteServiceException) e).hint()).contains("cloud-init"));
    assertThat(fake.requests()).hasSize(1);
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void aBare429IsRetriedWithBackoffForReads() {
    fake.answerInTurn(
        Recordings.rateLimited(),
        Recordings.rateLimited(),
        Recordings.reply(200, "baremetal.server-get.ready-completed.200.json"));

    assertThat(client.server("fr-par-2", Recordings.SERVER_ID)).isPresent();
    assertThat(sleeper.sleeps()).hasSize(2);
    assertThat(sleeper.sleeps().get(1))
        .isGreaterThanOrEqualTo(sleeper.sleeps().get(0).dividedBy(2));
  }

  @Test
  void aBare429OnCreateIsSentAgainAfterBackoff() {
    // The gateway (X-Envoy-Ratelimited) refused it before the API saw it: nothing was ordered,
    // so sending the create again cannot order twice.
    fake.answerInTurn(
        Recordings.rateLimited(),
        Recordings.reply(200, "baremetal.server-create.ordered.200.json"));

    assertThat(client.createServer("fr-par-2", minimalOrder())).isNotNull();
    assertThat(fake.requests()).hasSize(2);
    assertThat(sleeper.sleeps()).hasSize(1);
  }

  @Test
  void aRejectedActionKeepsScalewaysMessage() {
    fake.answerInTurn(Recordings.reply(400, "baremetal.server-reboot.not-delivered.400.json"));

    assertThatThrownBy(() -> client.createServer("fr-par-2", minimalOrder()))
        .isInstanceOf(RemoteServiceException.Rejected.class)
        .hasMessageContaining("Server is not delivered")
        .hasMessageContaining("7d8e2b9c-recorded");
  }

  @Test
  void aRefusedKeyNamesTheSettingButNeverTheSecret() {
    fake.answerInTurn(
        FakeHttpServer.Reply.json(
            401,
            "{\"message\":\"authentication is denied\",\"method\":\"api_key\","
                + "\"reason\":\"invalid_argument\",\"type\":\"denied_authentication\"}"));

    assertThatThrownBy(client::probeCredentials)
        .isInstanceOf(RemoteServiceException.Unauthorized.class)
        .satisfies(e -> assertThat(((RemoteServiceException) e).hint()).contains("SCW_SECRET_KEY"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(Recordings.SECRET));
    assertThat(fake.requests().getFirst().queryParam("page_size")).isEqualTo("1");
  }

  @Test
  void theRequestLogNeverHoldsTheSecretKey() {
    fake.answerInTurn(Recordings.reply(200, "iam.ssh-keys-list.by-name-and-project.200.json"));
    List<RequestLogEntry> entries = new CopyOnWriteArrayList<>();
    ScalewayClient logged =
        new ScalewayClient(
            ScalewayClient.transport(fake.uri(), Secret.of(Recordings.SECRET))
                .listener(entries::add)
                .build(),
            Recordings.PROJECT);

    logged.probeCredentials();

    assertThat(entries).hasSize(1);
    assertThat(entries.getFirst().requestHeaders()).containsKey("X-Auth-Token");
    assertThat(entries.getFirst().requestHeaders().toString() + entries.getFirst().line())
        .doesNotContain(Recordings.SECRET);
    assertThat(entries.getFirst().requestId()).isEqualTo("7d8e2b9c-recorded");
  }

  static ScwNewServer minimalOrder() {
    return new ScwNewServer(
        "ddb09834-8680-4339-b5e3-19ca5205fa1f",
        Recordings.PROJECT,
        "demo-cp-0",
        "Talos node",
        List.of("ironkube", "ironkube-cluster=demo"),
        new ScwNewServer.Install(
            "7d1914e1-f4ab-47fc-bd8c-b3a23143e87a",
            "demo-cp-0",
            List.of("f804f45d-5972-4a61-a141-9b30fdbbec12")),
        PivotScript.userData(
            "https://factory.talos.dev/image/376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba/v1.11.5/metal-amd64.raw.zst",
            Optional.empty()));
  }

  private static PlanOffer plan(List<PlanOffer> plans, String name) {
    return plans.stream().filter(p -> p.plan().equals(name)).findFirst().orElseThrow();
  }
}
