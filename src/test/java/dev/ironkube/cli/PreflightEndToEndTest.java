package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.cloudflare.CloudflareOptions;
import dev.ironkube.sim.echo.EchoIpApi;
import dev.ironkube.sim.platform.SimManifests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every check that can refuse a run runs before the first order: a refused run sends no mutating
 * request to any provider or to Cloudflare, so it costs nothing and leaves the user's zone as it
 * was.
 */
class PreflightEndToEndTest {
  private static final String NAME = "k8s.ironkube.test";
  private CliRun cli;

  @AfterEach
  void close() {
    if (cli != null) {
      cli.close();
    }
  }

  /**
   * Requests that create, change or delete something someone owns or pays for. Two kinds of POST
   * are left out: the Image Factory's schematic upload (content-addressed: the same YAML always
   * names the same schematic, which nobody owns or pays for; reference/talos.md) and logins, which
   * exchange credentials for a token.
   */
  private List<RequestLog.Entry> changes() {
    return cli.sim.requests().mutating().stream()
        .filter(e -> !e.api().equals("factory"))
        .filter(e -> !e.path().contains("/auth/"))
        .toList();
  }

  private CliRun.Result provision(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("provision", "--simulate", "--yes", "--no-platform", "--name", "pf"));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void withoutTheOperatorsAddressNothingIsOrdered() {
    cli = new CliRun(new Faults(7).arm(Faults.Rule.always(EchoIpApi.POINT, "unreachable")));
    CliRun.Result r = provision();
    assertThat(r.exitCode()).as(r.err()).isEqualTo(5);
    assertThat(r.err())
        .contains("could not detect your public IP")
        .contains("IRONKUBE_OPERATOR_CIDRS");
    assertThat(changes()).as("mutating requests").isEmpty();
    assertThat(cli.sim.latitude().servers()).isEmpty();
    assertThat(cli.sim.latitude().projects()).isEmpty();
  }

  @Test
  void aDuplicatedNameRefusesAsInputBeforeAnyOrder() {
    cli = new CliRun();
    cli.env.put("IRONKUBE_DNS_NAME", NAME);
    cli.sim.cloudflare().seedRecord(CloudflareOptions.DEFAULT_ZONE_ID, "A", NAME, "192.0.2.1");
    cli.sim.cloudflare().seedRecord(CloudflareOptions.DEFAULT_ZONE_ID, "A", NAME, "192.0.2.2");
    CliRun.Result r = provision();
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("2 A records for " + NAME).contains("IRONKUBE_DNS_NAME");
    assertThat(changes()).as("mutating requests").isEmpty();
  }

  @Test
  void someoneElsesRecordIsRefusedWithTheChoicesAndLeftAsItWas() {
    cli = new CliRun();
    cli.env.put("IRONKUBE_DNS_NAME", NAME);
    cli.sim.cloudflare().seedRecord(CloudflareOptions.DEFAULT_ZONE_ID, "A", NAME, "192.0.2.7");
    String before = records();
    CliRun.Result r = provision();
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("was not created by this cluster").contains("--adopt-dns-record");
    assertThat(changes()).as("mutating requests").isEmpty();
    assertThat(records()).isEqualTo(before);
  }

  @Test
  void anUnreachableManifestRefusesBeforeAnyOrderNamingTheUrl() {
    cli =
        new CliRun(new Faults(7).arm(Faults.Rule.always(SimManifests.POINT + "*", "unreachable")));
    CliRun.Result r = cli.run("provision", "--simulate", "--yes", "--name", "pf");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(5);
    assertThat(r.err())
        .contains("install.yaml")
        .contains("Connection refused")
        .doesNotContain("null");
    assertThat(changes()).as("mutating requests").isEmpty();
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsFix() {
    cli =
        new CliRun(
            new Faults(7)
                .arm(Faults.Rule.always(EchoIpApi.POINT, "unreachable"))
                .arm(Faults.Rule.always(SimManifests.POINT + "*", "unreachable")));
    cli.env.put("IRONKUBE_DNS_NAME", NAME);
    cli.sim.cloudflare().seedRecord(CloudflareOptions.DEFAULT_ZONE_ID, "A", NAME, "192.0.2.7");
    CliRun.Result r = cli.run("provision", "--simulate", "--yes", "--name", "pf");
    assertThat(r.exitCode()).as(r.err()).isNotZero();
    assertThat(r.err())
        .contains("3 problems found before ordering anything")
        .contains("could not detect your public IP")
        .contains("was not created by this cluster")
        .contains("install.yaml");
    assertThat(changes()).as("mutating requests").isEmpty();
  }

  @Test
  void aDryRunPrintsTheChecklistAndPutsItInTheJson() throws Exception {
    cli = new CliRun();
    cli.env.put("IRONKUBE_DNS_NAME", NAME);
    CliRun.Result r = provision("--dry-run", "-o", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("Checklist").contains("[ok]   DNS name " + NAME + ": free");
    var json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("checks").size()).isGreaterThanOrEqualTo(5);
    assertThat(json.path("checks").toString()).contains("Operator address").contains("DNS name");
    assertThat(changes()).as("mutating requests").isEmpty();
  }

  @Test
  void anUnofferedTalosVersionIsRefusedBeforeAnyOrder() {
    cli = new CliRun();
    CliRun.Result r = provision("--talos-version", "v1.11.99");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("Talos v1.11.99 is not offered by the Image Factory");
    assertThat(changes()).isEmpty();
  }

  private String records() {
    return cli.sim.cloudflare().records(CloudflareOptions.DEFAULT_ZONE_ID).toString();
  }
}
