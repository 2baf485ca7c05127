package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.access.PortProbe;
import dev.ironkube.access.Probes;
import dev.ironkube.failure.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rawkode-cloud path: Scaleway, Infisical, Cloudflare and Teleport, verify then lock down. */
class AccessEndToEndTest {
  private final CliRun cli = new CliRun();

  @AfterEach
  void close() {
    cli.close();
  }

  private String address(String cluster) throws Exception {
    String journal = Files.readString(cli.home().resolve("clusters/" + cluster + "/journal.jsonl"));
    var m = Pattern.compile("\"ipv4\".*?\"value\":\"([0-9.]+)\"").matcher(journal);
    if (!m.find()) {
      m = Pattern.compile("\"name\":\"ipv4\",\"data\":\\{\"value\":\"([0-9.]+)\"").matcher(journal);
      assertThat(m.find()).as(journal).isTrue();
    }
    return m.group(1);
  }

  @Test
  void scalewayWithEveryIntegrationFinishesLockedDownWithThePortsClosed() throws Exception {
    cli.env.put("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "set");
    cli.env.put("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "set");
    cli.sim.infisical().putSecret("prod", "/", "CLOUDFLARE_DNS_NAME", "rk.ironkube.test");
    cli.env.put("TELEPORT_PROXY", "teleport.example:443");
    CliRun.Result r =
        cli.run("provision", "--provider", "scaleway", "--simulate", "--yes", "--name", "rk");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("rk.ironkube.test")
        .contains("Locked down")
        .contains("tsh kube login rk");

    String ip = address("rk");
    // The run's lockdown proved both closed with the product's 3-second probe; this confirms it.
    assertThat(Probes.silent(null, ip, 50000)).as("Talos API after lockdown").isTrue();
    assertThat(Probes.silent(null, ip, 6443)).as("Kubernetes API after lockdown").isTrue();
    assertThat(cli.sim.teleport().liveTokens()).as("join tokens left").isEmpty();

    // A locked-down cluster is out of the operator's reach: a re-run says so and touches nothing.
    CliRun.Result again =
        cli.run("provision", "--provider", "scaleway", "--simulate", "--yes", "--name", "rk");
    assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(again.err()).contains("already provisioned and locked down");
    assertThat(cli.sim.scaleway().servers()).hasSize(1);
  }

  @Test
  void teleportNeverRegisteringLeavesTheNodeRunningAndUnlockedWithInstructions() throws Exception {
    cli.sim.teleport().neverRegister();
    cli.env.put("TELEPORT_PROXY", "teleport.example:443");
    Path doc = cli.userHome.resolve("short.yaml");
    Files.writeString(
        doc,
        "apiVersion: ironkube.dev/v1alpha1\nkind: Cluster\nspec:\n  waits:\n    teleportTimeout: 1s\n");
    CliRun.Result r =
        cli.run("provision", "--simulate", "--yes", "--name", "tp", "-f", doc.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.LEFT_RUNNING);
    assertThat(r.err()).contains("NOT locked down").contains("ironkube destroy tp");
    assertThat(r.err()).doesNotContain("Cleaning up");
    assertThat(cli.sim.latitude().servers()).hasSize(1);

    String ip = address("tp");
    PortProbe fromOperator = new PortProbe(Duration.ofSeconds(2), null);
    assertThat(fromOperator.answers(ip, 50000)).as("the operator keeps the Talos API").isTrue();
  }
}
