package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.cloudflare.CloudflareOptions;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Phase 5 through the CLI against the simulated Cloudflare. */
class DnsEndToEndTest {
  private final CliRun cli = new CliRun();

  @AfterEach
  void close() {
    cli.close();
  }

  private int aRecords() {
    return (int)
        cli.sim.cloudflare().records(CloudflareOptions.DEFAULT_ZONE_ID).stream()
            .filter(r -> r.path("type").asText().equals("A"))
            .count();
  }

  @Test
  void theRecordIsCreatedReportedInTheCertificateAndRemovedByDestroy() throws Exception {
    cli.env.put("IRONKUBE_DNS_NAME", "k8s.ironkube.test");
    CliRun.Result r = cli.run("provision", "--simulate", "--yes", "--no-platform", "--name", "dns");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("DNS name:").contains("k8s.ironkube.test");
    assertThat(aRecords()).isEqualTo(1);
    String config = Files.readString(cli.home().resolve("clusters/dns/journal.jsonl"));
    assertThat(config).contains("dns_record");

    CliRun.Result d = cli.run("destroy", "dns", "--simulate", "--yes");
    assertThat(d.exitCode()).as(d.err()).isZero();
    assertThat(aRecords()).isZero();
  }

  @Test
  void aRecordWhoseCreateAnswerWasLostIsOwnedAndRemovedByDestroy() {
    CliRun lossy =
        new CliRun(
            new Faults(7)
                .arm(
                    Faults.Rule.once(
                        "cloudflare.POST /zones/{zone_id}/dns_records", "lost-response")));
    try {
      lossy.env.put("IRONKUBE_DNS_NAME", "k8s.ironkube.test");
      CliRun.Result r =
          lossy.run("provision", "--simulate", "--yes", "--no-platform", "--name", "dns");
      CliRun.Result d = lossy.run("destroy", "dns", "--simulate", "--yes");
      assertThat(d.exitCode()).as(r.err() + d.err()).isZero();
      assertThat(lossy.sim.cloudflare().records(CloudflareOptions.DEFAULT_ZONE_ID))
          .as("records after destroy")
          .isEmpty();
    } finally {
      lossy.close();
    }
  }

  @Test
  void aDuplicateRecordIsReportedNotIgnored() {
    cli.env.put("IRONKUBE_DNS_NAME", "k8s.ironkube.test");
    cli.sim
        .cloudflare()
        .seedRecord(CloudflareOptions.DEFAULT_ZONE_ID, "A", "k8s.ironkube.test", "192.0.2.1");
    cli.sim
        .cloudflare()
        .seedRecord(CloudflareOptions.DEFAULT_ZONE_ID, "A", "k8s.ironkube.test", "192.0.2.2");
    CliRun.Result r = cli.run("provision", "--simulate", "--yes", "--no-platform", "--name", "dns");
    // Refused as input before anything is ordered: nothing to clean up.
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("k8s.ironkube.test").doesNotContain("Cleaning up");
    assertThat(cli.sim.latitude().servers()).isEmpty();
    assertThat(cli.sim.latitude().projects()).isEmpty();
  }

  @Test
  void withoutADnsNameTheStepIsSkippedWithANotice() {
    CliRun.Result r = cli.run("provision", "--simulate", "--yes", "--no-platform", "--name", "dns");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("no IRONKUBE_DNS_NAME set");
  }
}
