package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.failure.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimBenchCommandTest {
  private final CliRun cli = new CliRun();

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void helpNamesTheModesAndTheExitCode() {
    CliRun.Result r = cli.run("sim", "bench", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--startup").contains("--scale").contains("every target is met");
  }

  @Test
  void aScaleOutsideTheModelIsInvalidInput() {
    CliRun.Result r = cli.run("sim", "bench", "--scale", "0");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("--scale");
  }
}
