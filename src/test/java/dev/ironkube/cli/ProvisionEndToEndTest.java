package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.RequestLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProvisionEndToEndTest {
  private CliRun cli = new CliRun();

  @AfterEach
  void close() {
    cli.close();
  }

  private long serverCreates() {
    return cli.sim.requests().mutating().stream()
        .filter(e -> e.method().equals("POST") && e.path().equals("/servers"))
        .count();
  }

  /** The single-node path end to end, platform included; the other cases stop at a Ready node. */
  @Test
  void provisionsThenDestroysLeavingNothing() throws Exception {
    CliRun.Result r = cli.run("provision", "--simulate", "--yes", "--name", "alpha");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("alpha-cp-1").contains("127.0.");
    assertThat(cli.sim.latitude().servers()).hasSize(1);

    Path dir = cli.home().resolve("clusters/alpha");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("journal.jsonl"))))
        .isEqualTo("rw-------");

    CliRun.Result status = cli.run("status", "alpha");
    assertThat(status.out()).contains("provisioned").contains("server");

    CliRun.Result d = cli.run("destroy", "alpha", "--simulate", "--yes");
    assertThat(d.exitCode()).as(d.err()).isZero();
    assertThat(d.out()).contains("deleted server");
    assertThat(cli.sim.latitude().servers()).isEmpty();
    assertThat(cli.sim.latitude().projects()).isEmpty();
    assertThat(cli.sim.latitude().sshKeys()).isEmpty();
  }

  @Test
  void scalewayProvisionsThroughTheCloudInitPivotThenDestroys() {
    CliRun.Result r =
        cli.run(
            "provision",
            "--provider",
            "scaleway",
            "--simulate",
            "--yes",
            "--no-platform",
            "--name",
            "scw");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("scaleway").contains("EUR/hour");
    assertThat(cli.sim.scaleway().servers()).hasSize(1);
    CliRun.Result d = cli.run("destroy", "scw", "--provider", "scaleway", "--simulate", "--yes");
    assertThat(d.exitCode()).as(d.err()).isZero();
    // Scaleway deletes asynchronously: a server goes "deleting" first, billing stopped.
    assertThat(cli.sim.scaleway().servers()).allMatch(s -> s.status().equals("deleting"));
    assertThat(cli.sim.scaleway().sshKeys()).isEmpty();
  }

  /**
   * One working cluster for two stories (each used to provision its own): a dry-run destroy lists
   * it and sends nothing, then a failed re-run keeps it.
   */
  @Test
  void destroyDryRunListsWithoutDeletingAndAFailedRerunOfTheWorkingClusterKeepsIt() {
    assertThat(cli.run("provision", "--simulate", "--yes", "--no-platform").exitCode()).isZero();
    int before = cli.sim.requests().mutating().size();
    CliRun.Result d = cli.run("destroy", "demo", "--simulate", "--dry-run");
    assertThat(d.exitCode()).as(d.err()).isZero();
    assertThat(d.out()).contains("would delete server demo-cp-1");
    assertThat(cli.sim.requests().mutating()).hasSize(before);
    assertThat(cli.sim.latitude().servers()).hasSize(1);

    // Refused at the first provider call, at once (a server error would be retried for seconds).
    // On the command line: a key from the environment is not sent under --simulate.
    CliRun.Result again =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--no-platform",
            "--api-key",
            "lat_refused_by_the_provider");
    assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.UNAUTHORIZED);
    assertThat(again.err()).contains("from the earlier run is kept").doesNotContain("Cleaning up");
    assertThat(cli.sim.latitude().servers()).hasSize(1);
  }

  @Test
  void dryRunSendsNoMutatingRequest() {
    CliRun.Result r =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--dry-run",
            "--plan",
            "c2-small-x86",
            "--region",
            "CHI");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("would create server").contains("$");
    assertThat(cli.sim.requests().mutating())
        .as("mutating requests")
        .allMatch(e -> e.api().equals("factory"))
        .noneMatch(e -> e.api().equals("latitude"));
    assertThat(Files.exists(cli.home().resolve("clusters/demo/journal.jsonl"))).isFalse();
  }

  @Test
  void failureAfterOrderingLeavesNoServerBehind() {
    cli.close();
    cli =
        new CliRun(
            new Faults(3).arm(Faults.Rule.once("latitude.POST /servers", "failed-deployment")));
    CliRun.Result r = cli.run("provision", "--simulate", "--yes");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PROVISION_FAILED);
    assertThat(r.err()).contains("failed_deployment").contains("Cleaning up");
    assertThat(cli.sim.latitude().servers()).isEmpty();
    assertThat(cli.sim.latitude().projects()).isEmpty();
    assertThat(cli.sim.latitude().sshKeys()).isEmpty();
  }

  @Test
  void lostCreateResponseIsFoundByMarkersNotOrderedTwice() {
    cli.close();
    cli =
        new CliRun(new Faults(3).arm(Faults.Rule.once("latitude.POST /servers", "lost-response")));
    CliRun.Result r = cli.run("provision", "--simulate", "--yes", "--no-platform");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(serverCreates()).isEqualTo(1);
    assertThat(cli.sim.latitude().servers()).hasSize(1);
  }

  @Test
  void resumeAfterAFailedRunDoesNotOrderTwice() {
    cli.close();
    cli = new CliRun(new Faults(3).arm(Faults.Rule.once("latitude.POST /servers", "stuck")));
    // The stuck server never boots: each run waits this out, whatever its length.
    Path doc = writeDocument("spec:\n  waits:\n    talosBootTimeout: 300ms\n");
    CliRun.Result first =
        cli.run("provision", "--simulate", "--yes", "--keep-on-failure", "-f", doc.toString());
    assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.PROVISION_FAILED);
    assertThat(first.err()).contains("Kept what was created");
    assertThat(cli.sim.latitude().servers()).hasSize(1);

    CliRun.Result again =
        cli.run("provision", "--simulate", "--yes", "--no-platform", "-f", doc.toString());
    assertThat(serverCreates()).as("server orders").isEqualTo(1);
    assertThat(again.err()).contains("already ordered");
  }

  private Path writeDocument(String spec) {
    try {
      Path f = Files.createTempFile(cli.userHome, "cluster", ".yaml");
      Files.writeString(f, "apiVersion: ironkube.dev/v1alpha1\nkind: Cluster\n" + spec);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isLatitude(RequestLog.Entry e) {
    return e.api().equals("latitude");
  }
}
