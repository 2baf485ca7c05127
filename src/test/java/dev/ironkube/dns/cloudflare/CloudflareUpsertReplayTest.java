package dev.ironkube.dns.cloudflare;

import static dev.ironkube.dns.cloudflare.CloudflareReplayTest.TOKEN;
import static dev.ironkube.dns.cloudflare.CloudflareReplayTest.ZONE;
import static dev.ironkube.dns.cloudflare.CloudflareReplayTest.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.dns.DesiredARecord;
import dev.ironkube.dns.DnsChange;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.FakeHttpServer;
import dev.ironkube.http.FakeHttpServer.Recorded;
import dev.ironkube.http.FakeHttpServer.Reply;
import dev.ironkube.http.RetryPolicy;
import dev.ironkube.settings.Secret;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The upsert's decisions, driven by recorded answers served in the order the calls come. */
class CloudflareUpsertReplayTest {
  private static final String EMPTY = "dns-lexicon-extracted/dns_records.list.empty.200.json";
  private static final String ONE_A = "cloudflare-php/listRecords.json";

  final FakeHttpServer server = new FakeHttpServer();

  @AfterEach
  void close() {
    server.close();
  }

  CloudflareDns dns(Reply... replies) {
    Deque<Reply> queue = new ArrayDeque<>(List.of(replies));
    server.answer(r -> queue.isEmpty() ? Reply.json(599, "{}") : queue.removeFirst());
    return CloudflareDns.connect(
        server.uri(), Secret.of(TOKEN), ZONE, b -> b.retryPolicy(RetryPolicy.NONE));
  }

  List<String> calls() {
    return server.requests().stream().map(Recorded::method).toList();
  }

  @Test
  void absent_record_is_created() {
    CloudflareDns dns =
        dns(
            recorded(200, EMPTY),
            recorded(200, "dns-lexicon-extracted/dns_records.create.A.200.json"));

    DnsChange change =
        dns.upsertA(new DesiredARecord("localhost.byemike.org.", "127.0.0.1", 3600, false));

    assertThat(change.outcome()).isEqualTo(DnsChange.Outcome.CREATED);
    assertThat(change.record().id()).isEqualTo("56dd4e5c3024bcc3ac04b64c97cda3e3");
    assertThat(calls()).containsExactly("GET", "POST");
    Recorded list = server.requests().getFirst();
    assertThat(list.queryParam("type")).isEqualTo("A");
    assertThat(list.queryParam("name")).isEqualTo("localhost.byemike.org");
  }

  @Test
  void a_correct_record_is_left_alone() {
    CloudflareDns dns = dns(recorded(200, ONE_A));

    DnsChange change = dns.upsertA(new DesiredARecord("example.com", "1.2.3.4", 120, false));

    assertThat(change.outcome()).isEqualTo(DnsChange.Outcome.UNCHANGED);
    assertThat(calls()).containsExactly("GET");
  }

  @Test
  void a_different_record_is_overwritten_with_put() {
    CloudflareDns dns =
        dns(recorded(200, ONE_A), recorded(200, "cloudflare-php/updateDNSRecord.json"));

    DnsChange change = dns.upsertA(new DesiredARecord("example.com", "5.6.7.8", 120, false));

    assertThat(change.outcome()).isEqualTo(DnsChange.Outcome.UPDATED);
    Recorded put = server.requests().get(1);
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.path()).endsWith("/dns_records/372e67954025e0ba6aaa6d586b9e0b59");
    assertThat(put.body()).contains("\"content\":\"5.6.7.8\"", "\"ttl\":120", "\"type\":\"A\"");
  }

  @Test
  void the_duplicate_error_on_create_reads_again_and_carries_on() {
    CloudflareDns dns =
        dns(
            recorded(200, EMPTY),
            recorded(400, "dns-lexicon-extracted/dns_records.create.duplicate-81058.400.json"),
            recorded(200, ONE_A));

    DnsChange change = dns.upsertA(new DesiredARecord("example.com", "1.2.3.4", 120, false));

    assertThat(change.outcome()).isEqualTo(DnsChange.Outcome.UNCHANGED);
    assertThat(calls()).containsExactly("GET", "POST", "GET");
  }

  @Test
  void two_a_records_for_the_name_are_reported_not_chosen() {
    // The recorded record set holds two TXT values for one name; the same answer with type A is
    // what Cloudflare returns for round-robin A records (composed from the recording).
    String twoA =
        CloudflareContracts.body(
                "dns-lexicon-extracted/dns_records.list.record-set-two-values.200.json")
            .replace("\"type\":\"TXT\"", "\"type\":\"A\"")
            .replace("challengetoken1", "192.0.2.1")
            .replace("challengetoken2", "192.0.2.2");
    CloudflareDns dns = dns(Reply.json(200, twoA));

    assertThatThrownBy(
            () ->
                dns.upsertA(
                    DesiredARecord.direct(
                        "_acme-challenge.listrecordset.byemike.org", "192.0.2.9")))
        .isInstanceOf(RemoteServiceException.Conflict.class)
        .hasMessageContaining("2 A records exist for _acme-challenge.listrecordset.byemike.org")
        .hasMessageContaining("765d28e0bf3c9cf8974b3ce643faa6bd (192.0.2.2)")
        .hasMessageContaining("d0ed276ca043a10af3cfd10ca82c5574 (192.0.2.1)")
        .hasMessageNotContaining(TOKEN);
    assertThat(calls()).containsExactly("GET");
  }
}
