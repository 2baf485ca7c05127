package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A simulated cluster says so everywhere, and a real run never acts on it (nor the reverse). */
class SimulatedMarkTest {
  private final CliRun cli = new CliRun();

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void aSimulatedClusterIsMarkedAndKeptApartFromRealRuns() {
    CliRun.Result made =
        cli.run("provision", "--simulate", "--yes", "--no-platform", "--name", "demo");
    assertThat(made.exitCode()).as(made.err()).isZero();
    assertThat(made.out()).contains("Simulated: nothing is billed").doesNotContain("bills hourly");

    assertThat(cli.run("status", "demo").out()).contains("simulated: nothing is billed");
    assertThat(cli.run("status").out()).contains("demo (simulated)");
    assertThat(cli.run("status", "demo", "-o", "json").out()).contains("\"simulated\" : true");

    // A real run, pointed at the same fake provider so that a wrong step would show there.
    cli.env.put("LATITUDE_API_URL", cli.sim.latitudeUrl().toString());
    cli.env.put("LATITUDE_API_KEY", SimulatedDatacenter.LATITUDE_TEST_KEY);
    cli.env.put("IRONKUBE_IMAGE_FACTORY_URL", cli.sim.imageFactoryUrl().toString());
    cli.env.put("IRONKUBE_OPERATOR_CIDRS", "127.0.0.1/32");
    CliRun.Result real =
        cli.run(
            "provision",
            "--yes",
            "--no-platform",
            "--name",
            "demo",
            "--plan",
            "c2-small-x86",
            "--region",
            "CHI");
    assertThat(real.exitCode()).as(real.err()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(real.err()).contains("was made in the simulated datacenter").contains("--simulate");
    CliRun.Result realDestroy = cli.run("destroy", "demo", "--yes");
    assertThat(realDestroy.exitCode()).as(realDestroy.err()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(cli.sim.latitude().servers()).hasSize(1);

    CliRun.Result gone = cli.run("destroy", "demo", "--simulate", "--yes");
    assertThat(gone.exitCode()).as(gone.err()).isZero();
    assertThat(cli.sim.latitude().servers()).isEmpty();
  }
}
