package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Usage help takes its width from COLUMNS (which the launcher sets), never from a child stty. */
class UsageWidthTest {
  private final CliRun cli = new CliRun();

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void columnsSetsTheWidth() {
    cli.env.put("COLUMNS", "140");
    assertThat(longestLine(cli.run("--help").out())).isGreaterThan(100).isLessThanOrEqualTo(140);
  }

  @Test
  void withoutColumnsOrATerminalTheDefaultWidthHolds() {
    assertThat(longestLine(cli.run("--help").out())).isLessThanOrEqualTo(80);
  }

  @Test
  void nonsenseOrTinyColumnsAreIgnoredOrRaisedToPicocliMinimum() {
    cli.env.put("COLUMNS", "wide");
    assertThat(cli.run("--help").exitCode()).isZero();
    cli.env.put("COLUMNS", "20");
    CliRun.Result r = cli.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(longestLine(r.out())).isLessThanOrEqualTo(55);
  }

  private static int longestLine(String text) {
    return Arrays.stream(text.split("\n")).mapToInt(String::length).max().orElse(0);
  }
}
