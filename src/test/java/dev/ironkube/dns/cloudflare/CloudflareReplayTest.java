package dev.ironkube.dns.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.dns.DnsRecord;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.FakeHttpServer;
import dev.ironkube.http.FakeHttpServer.Recorded;
import dev.ironkube.http.FakeHttpServer.Reply;
import dev.ironkube.http.RecordingSleeper;
import dev.ironkube.http.RetryPolicy;
import dev.ironkube.settings.Secret;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client fed with Cloudflare's recorded answers (contracts/cloudflare). */
class CloudflareReplayTest {
  static final String TOKEN = "cf-test-token-7a6b5c4d3e2f-not-real";
  static final String ZONE = "457dd20dded351b97830cb528f507819";

  final FakeHttpServer server = new FakeHttpServer();
  final RecordingSleeper sleeper = new RecordingSleeper();

  @AfterEach
  void close() {
    server.close();
  }

  CloudflareClient client(int pageSize) {
    return new CloudflareClient(
        CloudflareClient.transport(server.uri().resolve("/client/v4"), Secret.of(TOKEN))
            .retryPolicy(RetryPolicy.DEFAULT)
            .sleeper(sleeper)
            .clock(sleeper.clock())
            .random(new Random(1))
            .build(),
        ZONE,
        pageSize);
  }

  static Reply recorded(int status, String file) {
    return Reply.json(status, CloudflareContracts.body(file));
  }

  @Test
  void list_reads_both_recorded_pages_with_explicit_paging() {
    server.answerInTurn(
        recorded(200, "cloudflare-go-v0/list_page_1.json"),
        recorded(200, "cloudflare-go-v0/list_page_2.json"));

    List<CfRecord> records = client(3).listRecords("A", null);

    assertThat(records)
        .extracting(CfRecord::name)
        .containsExactly(
            "example.com",
            "sub1.example.com",
            "sub2.example.com",
            "sub3.example.com",
            "sub4.example.com");
    List<Recorded> sent = server.requests();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).path()).isEqualTo("/client/v4/zones/" + ZONE + "/dns_records");
    assertThat(sent.get(0).queryParam("page")).isEqualTo("1");
    assertThat(sent.get(1).queryParam("page")).isEqualTo("2");
    assertThat(sent.get(1).queryParam("per_page")).isEqualTo("3");
    assertThat(sent.get(0).header("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void a_list_without_total_pages_stops_at_a_short_page() {
    server.answer(r -> recorded(200, "cloudflare-php/listRecords.json"));

    assertThat(client(20).listRecords("A", "example.com")).hasSize(1);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void list_by_type_and_exact_name_sends_the_fqdn() {
    server.answer(
        r -> recorded(200, "dns-lexicon-extracted/dns_records.list.by-type-and-name.200.json"));

    List<CfRecord> records = client(100).listRecords("TXT", "_acme-challenge.noop.byemike.org");

    assertThat(records).singleElement().extracting(CfRecord::content).isEqualTo("challengetoken");
    Recorded sent = server.requests().getFirst();
    assertThat(sent.queryParam("name")).isEqualTo("_acme-challenge.noop.byemike.org");
    assertThat(sent.queryParam("type")).isEqualTo("TXT");
    assertThat(sent.queryParam("per_page")).isEqualTo("100");
  }

  @Test
  void create_posts_the_whole_record_and_reads_the_recorded_answer() {
    server.answer(r -> recorded(200, "dns-lexicon-extracted/dns_records.create.A.200.json"));

    CfRecord created =
        client(100)
            .createRecord(new CfRecordBody("A", "localhost.byemike.org", "127.0.0.1", 3600, false));

    assertThat(created.id()).isEqualTo("56dd4e5c3024bcc3ac04b64c97cda3e3");
    assertThat(created.toDomain())
        .isEqualTo(
            new DnsRecord(
                "56dd4e5c3024bcc3ac04b64c97cda3e3",
                "A",
                "localhost.byemike.org",
                "127.0.0.1",
                3600,
                false));
    Recorded sent = server.requests().getFirst();
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.body())
        .contains(
            "\"type\":\"A\"",
            "\"name\":\"localhost.byemike.org\"",
            "\"content\":\"127.0.0.1\"",
            "\"ttl\":3600",
            "\"proxied\":false");
  }

  @Test
  void update_puts_to_the_record_and_tolerates_empty_error_objects() {
    server.answerInTurn(
        recorded(200, "dns-lexicon-extracted/dns_records.update-put.200.json"),
        recorded(200, "cloudflare-php/updateDNSRecord.json"));
    CloudflareClient client = client(100);

    CfRecord put =
        client.replaceRecord(
            "c9009ce339062ce6443b29e06a562d0e",
            new CfRecordBody("TXT", "updated.test.byemike.org", "challengetoken", 3600, false));
    CfRecord older =
        client.replaceRecord(
            "372e67954025e0ba6aaa6d586b9e0b59",
            new CfRecordBody("A", "example.com", "1.2.3.4", 120, false));

    assertThat(put.name()).isEqualTo("updated.test.byemike.org");
    assertThat(older.content()).isEqualTo("1.2.3.4");
    assertThat(server.requests().getFirst().method()).isEqualTo("PUT");
    assertThat(server.requests().getFirst().path())
        .isEqualTo("/client/v4/zones/" + ZONE + "/dns_records/c9009ce339062ce6443b29e06a562d0e");
  }

  @Test
  void delete_reads_the_recorded_answer() {
    server.answer(r -> recorded(200, "dns-lexicon-extracted/dns_records.delete.200.json"));

    client(100).deleteRecord("a6a6a43291417c5a659aac665c3409a3");

    assertThat(server.requests().getFirst().method()).isEqualTo("DELETE");
  }

  @Test
  void the_recorded_duplicate_answer_is_a_conflict_naming_81058() {
    server.answer(
        r -> recorded(400, "dns-lexicon-extracted/dns_records.create.duplicate-81058.400.json"));

    assertThatThrownBy(
            () ->
                client(100)
                    .createRecord(new CfRecordBody("A", "x.byemike.org", "127.0.0.1", 60, false)))
        .isInstanceOf(RemoteServiceException.Conflict.class)
        .hasMessageContaining("81058 An identical record already exists.")
        .hasMessageNotContaining(TOKEN);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void a_malformed_ttl_fixture_is_refused_as_a_transient_bad_body() {
    server.answer(r -> recorded(200, "cloudflare-php/getRecordId.json"));
    CloudflareClient client =
        new CloudflareClient(
            CloudflareClient.transport(server.uri(), Secret.of(TOKEN))
                .retryPolicy(RetryPolicy.NONE)
                .build(),
            ZONE);

    assertThatThrownBy(() -> client.listRecords("A", "example.com"))
        .isInstanceOf(RemoteServiceException.Transient.class)
        .hasMessageContaining("not the expected JSON");
  }
}
