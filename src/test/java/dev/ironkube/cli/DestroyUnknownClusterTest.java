package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.failure.ExitCodes;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A mistyped name is not a successful destroy: with no folder on this machine and nothing at the
 * provider under its markers, destroy exits 4 naming the clusters it knows, and leaves no trace of
 * the name behind. A destroyed cluster destroyed again is still fine.
 */
class DestroyUnknownClusterTest {
  private final CliRun cli = new CliRun();

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void anUnknownNameExitsNotFoundAndADestroyedOneStaysIdempotent() {
    CliRun.Result made =
        cli.run("provision", "--simulate", "--yes", "--no-platform", "--name", "prod");
    assertThat(made.exitCode()).as(made.err()).isZero();

    for (String[] args :
        new String[][] {
          {"destroy", "prodd", "--simulate", "--yes"},
          {"destroy", "prodd", "--simulate", "--dry-run"},
          {"destroy", "prodd", "--simulate", "--yes", "-o", "json"}
        }) {
      CliRun.Result typo = cli.run(args);
      assertThat(typo.exitCode()).as(typo.err()).isEqualTo(ExitCodes.NOT_FOUND);
      assertThat(typo.err())
          .contains("no cluster named prodd")
          .contains("known: prod")
          .contains("'ironkube status'");
      if (List.of(args).contains("json")) {
        assertThat(typo.out()).as("the error object").contains("\"kind\" : \"not-found\"");
      } else {
        assertThat(typo.out()).as("nothing for a script to take as a result").isEmpty();
      }
      assertThat(Files.exists(cli.home().resolve("clusters/prodd")))
          .as("no folder left for the mistyped name")
          .isFalse();
    }
    assertThat(cli.sim.latitude().servers()).as("prod untouched").hasSize(1);

    CliRun.Result gone = cli.run("destroy", "prod", "--simulate", "--yes");
    assertThat(gone.exitCode()).as(gone.err()).isZero();
    assertThat(cli.sim.latitude().servers()).isEmpty();
    CliRun.Result again = cli.run("destroy", "prod", "--simulate", "--yes");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("nothing to delete for cluster prod");
  }
}
