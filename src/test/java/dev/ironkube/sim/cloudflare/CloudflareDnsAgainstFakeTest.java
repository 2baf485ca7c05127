package dev.ironkube.sim.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.dns.DesiredARecord;
import dev.ironkube.dns.DnsChange.Outcome;
import dev.ironkube.dns.cloudflare.CloudflareClient;
import dev.ironkube.dns.cloudflare.CloudflareDns;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.RecordingSleeper;
import dev.ironkube.http.RequestLogEntry;
import dev.ironkube.http.RetryPolicy;
import dev.ironkube.settings.Secret;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.TimeModel;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The Cloudflare adapter against the simulated Cloudflare, faults included. */
class CloudflareDnsAgainstFakeTest {
  static final String TOKEN = CloudflareOptions.DEFAULT_TEST_TOKEN;
  static final String ZONE = CloudflareOptions.DEFAULT_ZONE_ID;
  static final String NAME = "demo.ironkube.test";

  final RequestLog log = new RequestLog();
  final RecordingSleeper sleeper = new RecordingSleeper();
  final List<RequestLogEntry> clientLog = new CopyOnWriteArrayList<>();

  CloudflareApi start(Faults faults) {
    return new CloudflareApi(CloudflareOptions.defaults(), TimeModel.instant(), faults, log)
        .start();
  }

  CloudflareDns dns(CloudflareApi api, String token) {
    return CloudflareDns.connect(
        api.baseUri(),
        Secret.of(token),
        ZONE,
        b ->
            b.retryPolicy(RetryPolicy.DEFAULT)
                .sleeper(sleeper)
                .clock(sleeper.clock())
                .random(new Random(3))
                .listener(clientLog::add));
  }

  @Test
  void create_then_unchanged_then_update_then_delete() {
    try (CloudflareApi api = start(Faults.none())) {
      CloudflareDns dns = dns(api, TOKEN);

      var created = dns.upsertA(DesiredARecord.direct(NAME, "203.0.113.10"));
      var again = dns.upsertA(DesiredARecord.direct(NAME + ".", "203.0.113.10"));
      var moved = dns.upsertA(DesiredARecord.direct(NAME, "203.0.113.11"));

      assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
      assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
      assertThat(moved.outcome()).isEqualTo(Outcome.UPDATED);
      assertThat(moved.record().id()).isEqualTo(created.record().id());
      assertThat(api.records(ZONE))
          .singleElement()
          .satisfies(r -> assertThat(r.get("content").asText()).isEqualTo("203.0.113.11"))
          .satisfies(r -> assertThat(r.get("ttl").asInt()).isEqualTo(60));
      assertThat(log.mutating())
          .extracting(RequestLog.Entry::method)
          .containsExactly("POST", "PUT");

      dns.deleteRecord(created.record().id());
      dns.deleteRecord(created.record().id());
      assertThat(dns.findRecords(NAME)).isEmpty();
    }
  }

  @Test
  void duplicates_made_elsewhere_are_reported_by_id_and_left_alone() {
    try (CloudflareApi api = start(Faults.none())) {
      String first = api.seedRecord(ZONE, "A", NAME, "198.51.100.1");
      String second = api.seedRecord(ZONE, "A", NAME, "198.51.100.2");

      assertThatThrownBy(() -> dns(api, TOKEN).upsertA(DesiredARecord.direct(NAME, "198.51.100.1")))
          .isInstanceOf(RemoteServiceException.Conflict.class)
          .hasMessageContaining(first + " (198.51.100.1)")
          .hasMessageContaining(second + " (198.51.100.2)");
      assertThat(api.records(ZONE)).hasSize(2);
      assertThat(log.mutating()).isEmpty();
    }
  }

  @Test
  void a_lost_create_answer_is_retried_and_the_81058_duplicate_is_read_back() {
    Faults faults =
        new Faults(1)
            .arm(Faults.Rule.once("cloudflare.POST /zones/{zone_id}/dns_records", "lost-response"));
    try (CloudflareApi api = start(faults)) {
      var change = dns(api, TOKEN).upsertA(DesiredARecord.direct(NAME, "203.0.113.10"));

      assertThat(change.outcome()).isEqualTo(Outcome.UNCHANGED);
      assertThat(api.records(ZONE)).hasSize(1);
      assertThat(log.of("cloudflare"))
          .extracting(RequestLog.Entry::status)
          .containsExactly(200, 0, 400, 200);
    }
  }

  @Test
  void server_errors_resets_and_rate_limits_are_retried_honouring_retry_after() {
    String list = "cloudflare.GET /zones/{zone_id}/dns_records";
    Faults faults =
        new Faults(1)
            .arm(Faults.Rule.once(list, "http-500"))
            .arm(Faults.Rule.once(list, "reset"))
            .arm(Faults.Rule.once(list, "429"));
    TimeModel time =
        TimeModel.instant().override(CloudflareApi.STEP_RATE_WINDOW, Duration.ofSeconds(7));
    try (CloudflareApi api =
        new CloudflareApi(CloudflareOptions.defaults(), time, faults, log).start()) {
      var change = dns(api, TOKEN).upsertA(DesiredARecord.direct(NAME, "203.0.113.10"));

      assertThat(change.outcome()).isEqualTo(Outcome.CREATED);
      assertThat(faults.fired()).hasSize(3);
      // The JDK client repeats an idempotent request once by itself after a reset, so the reset
      // may cost no backoff of ours; the 429 always waits exactly Retry-After.
      assertThat(sleeper.sleeps()).hasSizeBetween(2, 3).last().isEqualTo(Duration.ofSeconds(7));
    }
  }

  @Test
  void a_wrong_token_is_unauthorized_naming_the_variable_and_never_the_token() {
    String wrong = "cf-wrong-token-1234567890abcdef";
    try (CloudflareApi api = start(Faults.none())) {
      CloudflareDns dns = dns(api, wrong);

      assertThatThrownBy(() -> dns.upsertA(DesiredARecord.direct(NAME, "203.0.113.10")))
          .isInstanceOfSatisfying(
              RemoteServiceException.Unauthorized.class,
              e -> {
                assertThat(e.getMessage())
                    .contains("10000 Authentication error")
                    .doesNotContain(wrong);
                assertThat(e.hint()).contains("CLOUDFLARE_API_TOKEN");
              });
      assertThat(dns.toString()).doesNotContain(wrong);
    }
    assertThat(clientLog).isNotEmpty();
    assertThat(clientLog.toString()).doesNotContain(wrong).doesNotContain(TOKEN);
    assertThat(clientLog).allSatisfy(e -> assertThat(e.line()).doesNotContain(wrong));
    assertThat(log.entries().toString()).doesNotContain(wrong);
  }

  @Test
  void an_a_record_beside_a_cname_is_rejected_with_a_hint() {
    try (CloudflareApi api = start(Faults.none())) {
      api.seedRecord(ZONE, "CNAME", NAME, "elsewhere.example.net");

      assertThatThrownBy(() -> dns(api, TOKEN).upsertA(DesiredARecord.direct(NAME, "203.0.113.10")))
          .isInstanceOf(RemoteServiceException.Rejected.class)
          .hasMessageContaining("81054");
    }
  }

  @Test
  void lists_page_through_many_records() {
    try (CloudflareApi api = start(Faults.none())) {
      for (int i = 0; i < 5; i++) {
        api.seedRecord(ZONE, "TXT", NAME, "value-" + i);
      }
      var client =
          new CloudflareClient(
              CloudflareClient.transport(api.baseUri(), Secret.of(TOKEN)).build(), ZONE, 2);

      assertThat(client.listRecords("TXT", NAME)).hasSize(5);
      assertThat(log.entries())
          .extracting(RequestLog.Entry::query)
          .allSatisfy(q -> assertThat(q).contains("per_page=2"))
          .hasSize(3);
    }
  }
}
