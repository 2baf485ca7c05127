package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.cli.ui.Ansi;
import dev.ironkube.cli.ui.TerminalProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A person at the terminal confirms the bill before the first order, with the question left on
 * screen (the spinner holds still); a run that ends before it owns anything leaves no cluster.
 */
class OrderConfirmationTest {
  private final CliRun cli = new CliRun();

  @AfterEach
  void close() {
    cli.close();
  }

  private CliRun.Result provision(String answer) {
    cli.interactive = true;
    cli.stdin = answer;
    return cli.run(
        "provision",
        "--simulate",
        "--no-platform",
        "--name",
        "ask",
        "--plan",
        "c2-small-x86",
        "--region",
        "DAL");
  }

  @Test
  void declinedNothingIsOrderedAndNoClusterIsLeft() {
    CliRun.Result no = provision("n\n");
    assertThat(no.exitCode()).as(no.err()).isZero();
    assertThat(no.err())
        .contains("Order 1 server for cluster ask at latitude ($0.21/h)? [y/N]")
        .contains("nothing was ordered");
    // Only the Image Factory's schematic (free, idempotent) was registered; nothing billable.
    assertThat(cli.sim.requests().mutating().stream().map(Object::toString))
        .allMatch(r -> r.startsWith("factory "));
    assertThat(cli.sim.latitude().servers()).isEmpty();
    assertThat(Files.exists(cli.home().resolve("clusters/ask"))).isFalse();
    assertThat(cli.run("status").err()).contains("no clusters");
  }

  @Test
  void confirmedTheRunGoesOn() {
    CliRun.Result yes = provision("y\n");
    assertThat(yes.exitCode()).as(yes.err()).isZero();
    assertThat(cli.sim.latitude().servers()).hasSize(1);
  }

  @Test
  void aRefusedPreflightLeavesNoClusterBehind() {
    CliRun.Result r =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--name",
            "gone",
            "--plan",
            "nosuch",
            "--region",
            "DAL");
    assertThat(r.exitCode()).isNotZero();
    assertThat(Files.exists(cli.home().resolve("clusters/gone"))).isFalse();
  }

  @Test
  void theSpinnerHoldsStillWhileAQuestionIsAsked() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TerminalProgress progress =
        new TerminalProgress(
            new PrintStream(out, true, StandardCharsets.UTF_8), new Ansi(false), 80);
    progress.step("Plans and stock");
    Thread.sleep(250);
    int before;
    try (AutoCloseable quiet = progress.quiet()) {
      out.write("  Select a plan [1]: ".getBytes(StandardCharsets.UTF_8));
      before = out.size();
      Thread.sleep(350);
      assertThat(out.size()).as("nothing drawn over the question").isEqualTo(before);
    }
    Thread.sleep(250);
    assertThat(out.size()).as("drawn again after").isGreaterThan(before);
    progress.close();
  }
}
