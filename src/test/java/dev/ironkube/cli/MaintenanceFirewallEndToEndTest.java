package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.access.Probes;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.SimMachine;
import dev.ironkube.sim.latitude.AssignmentRecord;
import dev.ironkube.sim.latitude.FirewallRecord;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On Latitude the Talos maintenance API is firewalled at the provider from the order until Talos is
 * configured. A rejected first apply holds the node in maintenance mode (kept with
 * --keep-on-failure), which is when the firewall is observed from the operator (127.0.0.1, as the
 * simulated echo service detects it) and from a stranger (127.0.0.3).
 */
class MaintenanceFirewallEndToEndTest {
  private CliRun cli = new CliRun();

  @AfterEach
  void close() {
    cli.close();
  }

  private void rejectFirstApply() {
    cli.close();
    cli = new CliRun(new Faults(5).arm(Faults.Rule.once("talos.apply", "reject")));
  }

  private CliRun.Result provision(String... extra) {
    String[] base = {"provision", "--simulate", "--yes", "--no-platform", "--name", "fw"};
    String[] args = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return cli.run(args);
  }

  private long requests(String method, String path) {
    return cli.sim.requests().mutating().stream()
        .filter(e -> e.method().equals(method) && e.path().equals(path))
        .count();
  }

  private static boolean answers(String from, String host) {
    return Probes.answers(from, host, 50000);
  }

  private static boolean silent(String from, String host) {
    return Probes.silent(from, host, 50000);
  }

  @Test
  void guardsTheMaintenanceApiUntilConfiguredThenReleasesAndDestroyLeavesNothing()
      throws Exception {
    rejectFirstApply();
    CliRun.Result held = provision("--keep-on-failure");
    assertThat(held.exitCode()).as(held.err()).isEqualTo(ExitCodes.REMOTE_FAILURE);
    assertThat(held.err()).contains("Firewalling the Talos maintenance API (TCP 50000)");

    var server = cli.sim.latitude().servers().getFirst();
    assertThat(cli.sim.machines().find(server.id()).orElseThrow().state())
        .isEqualTo(SimMachine.State.TALOS_MAINTENANCE);
    FirewallRecord firewall = cli.sim.latitude().firewalls().getFirst();
    assertThat(firewall.name()).isEqualTo("ironkube-fw");
    assertThat(firewall.rules())
        .anyMatch(r -> r.from().equals("127.0.0.1/32") && r.port().equals("50000"));
    assertThat(cli.sim.latitude().firewallAssignments())
        .extracting(AssignmentRecord::serverId)
        .containsExactly(server.id());
    assertThat(answers("127.0.0.1", server.primaryIpv4())).as("the operator").isTrue();
    assertThat(silent("127.0.0.3", server.primaryIpv4())).as("a stranger").isTrue();

    CliRun.Result resumed = provision();
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(requests("POST", "/firewalls")).as("firewalls created").isEqualTo(1);
    assertThat(resumed.err()).contains("Releasing the provider firewall");
    assertThat(resumed.out()).contains("firewalled at latitude");
    assertThat(cli.sim.latitude().firewallAssignments()).isEmpty();
    assertThat(cli.sim.latitude().firewalls()).isEmpty();
    assertThat(answers("127.0.0.1", server.primaryIpv4())).as("the operator, configured").isTrue();
    assertThat(silent("127.0.0.3", server.primaryIpv4()))
        .as("a stranger, under Talos' own firewall")
        .isTrue();

    CliRun.Result rerun = provision();
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(requests("POST", "/firewalls")).as("firewalls after a re-run").isEqualTo(1);

    CliRun.Result destroyed = cli.run("destroy", "fw", "--simulate", "--yes");
    assertThat(destroyed.exitCode()).as(destroyed.err()).isZero();
    assertThat(cli.sim.latitude().servers()).isEmpty();
    assertThat(cli.sim.latitude().projects()).isEmpty();
  }

  @Test
  void aFailureAfterOrderingDeletesTheFirewallInCleanup() {
    rejectFirstApply();
    CliRun.Result r = provision();
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.REMOTE_FAILURE);
    assertThat(r.err()).contains("Cleaning up").contains("Deleting firewall ironkube-fw");
    assertThat(cli.sim.latitude().firewallAssignments()).isEmpty();
    assertThat(cli.sim.latitude().firewalls()).isEmpty();
    assertThat(cli.sim.latitude().servers()).isEmpty();
    assertThat(cli.sim.latitude().projects()).isEmpty();
  }

  @Test
  void destroyFindsTheFirewallByItsMarkerWhenTheJournalIsLost() throws Exception {
    rejectFirstApply();
    assertThat(provision("--keep-on-failure").exitCode()).isEqualTo(ExitCodes.REMOTE_FAILURE);
    assertThat(cli.sim.latitude().firewalls()).hasSize(1);
    Files.delete(cli.home().resolve("clusters/fw/journal.jsonl"));

    CliRun.Result d = cli.run("destroy", "fw", "--simulate", "--yes");
    assertThat(d.exitCode()).as(d.err()).isZero();
    assertThat(d.out()).contains("deleted firewall ironkube-fw");
    assertThat(cli.sim.latitude().firewalls()).isEmpty();
    assertThat(cli.sim.latitude().projects()).isEmpty();
  }

  @Test
  void aLostCreateAnswerIsFoundByTheMarkerNameNotCreatedTwice() {
    cli.close();
    cli =
        new CliRun(
            new Faults(5).arm(Faults.Rule.once("latitude.POST /firewalls", "lost-response")));
    CliRun.Result r = provision();
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(requests("POST", "/firewalls")).isEqualTo(1);
    assertThat(cli.sim.latitude().firewalls()).isEmpty();
  }

  @Test
  void dryRunListsTheFirewallAndSendsNoMutatingRequest() {
    CliRun.Result r =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--dry-run",
            "--name",
            "fw",
            "--plan",
            "c2-small-x86",
            "--region",
            "CHI");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("would create firewall ironkube-fw at latitude: TCP 50000 only from")
        .contains("assign firewall ironkube-fw to server fw-cp-1");
    assertThat(cli.sim.requests().mutating()).noneMatch(e -> e.api().equals("latitude"));
  }
}
