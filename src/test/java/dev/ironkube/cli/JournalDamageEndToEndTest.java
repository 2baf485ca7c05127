package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.provider.latitude.LatitudeClient;
import dev.ironkube.provider.latitude.LatitudeProvider;
import dev.ironkube.settings.Secret;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.destroy.DestroyWorkflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What status, provision and destroy do with a journal that was cut, damaged or cannot be written.
 */
class JournalDamageEndToEndTest {
  private final CliRun cli = new CliRun();

  @AfterEach
  void close() {
    cli.close();
  }

  private Path journal() {
    return cli.home().resolve("clusters/demo/journal.jsonl");
  }

  private void provision() {
    CliRun.Result r = cli.run("provision", "--simulate", "--yes", "--no-platform");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(cli.sim.latitude().servers()).hasSize(1);
  }

  /** Keeps {@code keep} characters of the journal's last line and drops the rest of it. */
  private void cutLastLine(int keep) throws IOException {
    String text = Files.readString(journal());
    int lastStart = text.lastIndexOf('\n', text.length() - 2) + 1;
    Files.writeString(journal(), text.substring(0, lastStart + keep));
  }

  /**
   * A re-run that fails at its first provider call. A key the provider refuses fails at once; a
   * server error would be retried for seconds first (the retry itself is JsonHttpTest's subject).
   */
  private void failNextProvision() {
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
    assertThat(again.err()).doesNotContain("Deleting server");
  }

  @Test
  void aProvisionedClusterWithItsOutcomeLineCutStaysProvisionedAndAFailedRerunKeepsIt()
      throws Exception {
    provision();
    String last = Files.readAllLines(journal()).getLast();
    assertThat(last).contains("\"provisioned\"");
    cutLastLine(last.indexOf("\"name\""));

    CliRun.Result status = cli.run("status", "demo");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("Outcome:     provisioned").contains("Journal:");
    assertThat(status.err()).contains("cut off").contains("'provisioned'");

    failNextProvision();
    assertThat(cli.sim.latitude().servers()).hasSize(1);
  }

  @Test
  void aLastLineCutBeyondRecognitionMakesTheOutcomeUnknownAndAFailedRerunKeepsEverything()
      throws Exception {
    provision();
    cutLastLine(12);

    CliRun.Result status = cli.run("status", "demo");
    assertThat(status.exitCode()).isZero();
    assertThat(status.out()).contains("unknown (journal's last entry cut off)");

    failNextProvision();
    assertThat(cli.sim.latitude().servers()).as("the live cluster").hasSize(1);
    assertThat(cli.sim.latitude().projects()).hasSize(1);
  }

  @Test
  void aGarbageLineStopsProvisionButNotStatusOrDestroy() throws Exception {
    provision();
    List<String> lines = new ArrayList<>(Files.readAllLines(journal()));
    lines.set(3, "garbage where an entry was");
    Files.write(journal(), lines);

    CliRun.Result status = cli.run("status", "demo");
    assertThat(status.exitCode()).isZero();
    assertThat(status.out()).contains("unknown (journal damaged)");
    assertThat(status.err()).contains("line 4 of").contains("destroy demo");

    int before = cli.sim.requests().mutating().size();
    CliRun.Result again = cli.run("provision", "--simulate", "--yes", "--no-platform");
    assertThat(again.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(again.err())
        .contains("journal of cluster demo is damaged")
        .contains("line 4 of")
        .contains("may no longer list everything")
        .contains("'ironkube destroy demo' still works");
    assertThat(cli.sim.requests().mutating()).hasSize(before);

    CliRun.Result d = cli.run("destroy", "demo", "--simulate", "--yes");
    assertThat(d.exitCode()).as(d.err()).isZero();
    assertThat(cli.sim.latitude().servers()).isEmpty();
    assertThat(cli.sim.latitude().projects()).isEmpty();
  }

  @Test
  void aJournalOverwrittenWithRandomBytesIsReportedAndDestroyFallsBackToMarkers() throws Exception {
    provision();
    byte[] noise = new byte[8192];
    new Random(3).nextBytes(noise);
    Files.write(journal(), noise);

    CliRun.Result status = cli.run("status");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("unknown (journal damaged)");
    assertThat(status.err()).contains("none of its");

    CliRun.Result again = cli.run("provision", "--simulate", "--yes", "--no-platform");
    assertThat(again.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);

    CliRun.Result d = cli.run("destroy", "demo", "--simulate", "--yes");
    assertThat(d.exitCode()).as(d.err()).isZero();
    assertThat(d.err()).contains("none of its").contains("carries the cluster's markers");
    assertThat(d.out()).contains("deleted server demo-cp-1");
    assertThat(cli.sim.latitude().servers()).isEmpty();
    assertThat(cli.sim.latitude().projects()).isEmpty();
    assertThat(cli.sim.latitude().sshKeys()).isEmpty();
  }

  @Test
  void destroyStopsTheBillingWhenTheJournalCannotBeWritten() throws Exception {
    provision();
    Path elsewhere = Files.createDirectory(cli.userHome.resolve("elsewhere"));
    List<String> narrated = new ArrayList<>();
    // A full disk: every write of the journal fails.
    Journal journal =
        Journal.open(
            journal(),
            Clock.systemUTC(),
            (f, line) -> {
              throw new IOException("No space left on device");
            },
            new Journal.Fallback(elsewhere, narrated::add));
    var provider =
        new LatitudeProvider(
            new LatitudeClient(
                LatitudeClient.transport(
                        cli.sim.latitudeUrl(), Secret.of(SimulatedDatacenter.LATITUDE_TEST_KEY))
                    .build()),
            () -> "");

    DestroyWorkflow.Report report =
        new DestroyWorkflow("demo", provider, new Gate(journal, false), Progress.SILENT, Map.of())
            .run();

    assertThat(report.leftovers()).isEmpty();
    assertThat(cli.sim.latitude().servers()).isEmpty();
    assertThat(cli.sim.latitude().projects()).isEmpty();
    assertThat(narrated.get(0)).contains("cannot write the journal").contains("billing stops");
    try (var s = Files.list(elsewhere)) {
      String recorded = Files.readString(s.findFirst().orElseThrow());
      assertThat(recorded).contains("\"deleted\"").contains("\"destroyed\"");
    }
  }
}
