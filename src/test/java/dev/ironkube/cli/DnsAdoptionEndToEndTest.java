package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.cloudflare.CloudflareOptions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ownership of DNS records: this cluster's records carry its marker in their comment; someone
 * else's record is taken over only with --adopt-dns-record, and is then put back as it was
 * (content, TTL, proxying, comment) by cleanup and by destroy.
 */
class DnsAdoptionEndToEndTest {
  private static final String NAME = "k8s.ironkube.test";
  private CliRun cli;

  @AfterEach
  void close() {
    if (cli != null) {
      cli.close();
    }
  }

  private List<JsonNode> aRecords() {
    return cli.sim.cloudflare().records(CloudflareOptions.DEFAULT_ZONE_ID).stream()
        .filter(r -> r.path("type").asText().equals("A"))
        .map(r -> (JsonNode) r)
        .toList();
  }

  /** Someone else's record with a TTL and comment of its own, as made in the dashboard. */
  private String seedForeign() {
    return cli.sim
        .cloudflare()
        .seedRecord(
            CloudflareOptions.DEFAULT_ZONE_ID, "A", NAME, "192.0.2.7", 3600, "web team's balancer");
  }

  private void assertRestored(String id) {
    assertThat(aRecords()).hasSize(1);
    JsonNode r = aRecords().get(0);
    assertThat(r.path("id").asText()).isEqualTo(id);
    assertThat(r.path("content").asText()).isEqualTo("192.0.2.7");
    assertThat(r.path("ttl").asInt()).isEqualTo(3600);
    assertThat(r.path("proxied").asBoolean()).isFalse();
    assertThat(r.path("comment").asText()).isEqualTo("web team's balancer");
  }

  @Test
  void aCreatedRecordCarriesTheClustersMarker() {
    cli = new CliRun();
    cli.env.put("IRONKUBE_DNS_NAME", NAME);
    CliRun.Result r = cli.run("provision", "--simulate", "--yes", "--no-platform", "--name", "dns");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(aRecords()).hasSize(1);
    assertThat(aRecords().get(0).path("comment").asText())
        .isEqualTo("Managed by ironkube for cluster dns");
    // A second run finds the record marked as its own and reuses it.
    CliRun.Result again =
        cli.run("provision", "--simulate", "--yes", "--no-platform", "--name", "dns");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).contains("this cluster's (1 A record(s)), reused");
    assertThat(aRecords()).hasSize(1);
  }

  @Test
  void anAdoptedRecordIsRestoredByDestroy() {
    cli = new CliRun();
    cli.env.put("IRONKUBE_DNS_NAME", NAME);
    String id = seedForeign();
    CliRun.Result r =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--no-platform",
            "--name",
            "dns",
            "--adopt-dns-record");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(aRecords()).hasSize(1);
    assertThat(aRecords().get(0).path("id").asText()).isEqualTo(id);
    assertThat(aRecords().get(0).path("content").asText()).isNotEqualTo("192.0.2.7");
    assertThat(aRecords().get(0).path("comment").asText())
        .isEqualTo("Managed by ironkube for cluster dns");

    CliRun.Result d = cli.run("destroy", "dns", "--simulate", "--yes");
    assertThat(d.exitCode()).as(d.err()).isZero();
    assertRestored(id);
  }

  @Test
  void anAdoptedRecordIsRestoredWhenTheRunFails() {
    // Talos refuses the config on every node: the run fails after the DNS phase and cleans up.
    cli = new CliRun(new Faults(7).arm(Faults.Rule.always("talos.apply", "reject")));
    cli.env.put("IRONKUBE_DNS_NAME", NAME);
    String id = seedForeign();
    CliRun.Result r =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--no-platform",
            "--name",
            "dns",
            "--adopt-dns-record");
    assertThat(r.exitCode()).as(r.err()).isNotZero();
    assertThat(r.err()).contains("took over");
    assertRestored(id);
    assertThat(cli.sim.latitude().servers()).isEmpty();
  }
}
