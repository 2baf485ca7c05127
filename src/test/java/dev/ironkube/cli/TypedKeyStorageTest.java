package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.store.IronkubeHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A key typed at the prompt is offered for storing only after the provider accepted it; a refused
 * one is reported with the fix and never written. Real-mode runs pointed at the simulator's
 * Latitude.sh, whose API answers an unknown bearer token with 401 as the real one does.
 */
class TypedKeyStorageTest {
  private final CliRun cli = new CliRun();

  @BeforeEach
  void pointAtTheSimulatorWithoutAKey() {
    cli.env.put("LATITUDE_API_URL", cli.sim.latitudeUrl().toString());
    cli.env.put("IRONKUBE_IMAGE_FACTORY_URL", cli.sim.imageFactoryUrl().toString());
    cli.env.put("IRONKUBE_PXE_URL", cli.sim.pxeUrl().toString());
    cli.env.put("IRONKUBE_OPERATOR_CIDRS", "127.0.0.1/32");
    cli.interactive = true;
  }

  @AfterEach
  void close() {
    cli.close();
  }

  private Path credentials() {
    return IronkubeHome.resolve(cli.env, cli.userHome).credentials();
  }

  @Test
  void aRefusedTypedKeyIsReportedWithTheFixAndNeverStored() {
    cli.stdin = "lat_wrong_0000000000000000000000000000\ny\ny\ny\n";
    CliRun.Result r = cli.run("provision", "--name", "demo", "--dry-run", "--no-platform");
    assertThat(r.exitCode()).as(r.all()).isNotZero();
    assertThat(r.err()).doesNotContain("Store the key");
    assertThat(r.err()).contains("latitude.sh/dashboard/api");
    assertThat(r.all()).doesNotContain("lat_wrong_0000000000000000000000000000");
    assertThat(credentials()).doesNotExist();
  }

  @Test
  void anAcceptedTypedKeyIsOfferedAndStored0600() throws Exception {
    cli.stdin = SimulatedDatacenter.LATITUDE_TEST_KEY + "\ny\ny\ny\n";
    CliRun.Result r = cli.run("provision", "--name", "demo", "--dry-run", "--no-platform");
    assertThat(r.err()).contains("Store the key");
    assertThat(credentials()).exists();
    assertThat(Files.readString(credentials())).contains(SimulatedDatacenter.LATITUDE_TEST_KEY);
    assertThat(Files.getPosixFilePermissions(credentials()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    // Stored during the credentials check, before the plan question (that the input leaves open).
    assertThat(r.err().indexOf("stored in")).isLessThan(r.err().indexOf("Plans and stock"));
  }

  @Test
  void plansOffersToKeepATypedKeyOnlyAfterTheProviderAnsweredWithIt() throws Exception {
    cli.stdin = SimulatedDatacenter.LATITUDE_TEST_KEY + "\ny\n";
    CliRun.Result r = cli.run("plans");
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.out()).startsWith("PLAN");
    assertThat(r.err()).contains("Store the key");
    assertThat(Files.readString(credentials())).contains(SimulatedDatacenter.LATITUDE_TEST_KEY);
    // Next time the stored key is used without a question.
    cli.stdin = "";
    CliRun.Result again = cli.run("regions");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.err()).doesNotContain("API key").doesNotContain("Store the key");
  }

  @Test
  void plansWithARefusedTypedKeyFailsWithTheFixAndStoresNothing() {
    cli.stdin = "lat_wrong_0000000000000000000000000000\ny\n";
    CliRun.Result r = cli.run("plans");
    assertThat(r.exitCode()).as(r.all()).isNotZero();
    assertThat(r.err()).contains("did not accept").contains("latitude.sh/dashboard/api");
    assertThat(r.err()).contains("typed at the prompt");
    assertThat(r.err()).doesNotContain("Store the key");
    assertThat(r.all()).doesNotContain("lat_wrong_0000000000000000000000000000");
    assertThat(credentials()).doesNotExist();
  }

  @Test
  void aKeyFromTheEnvironmentIsNotOfferedByAListing() {
    cli.env.put("LATITUDE_API_KEY", SimulatedDatacenter.LATITUDE_TEST_KEY);
    cli.stdin = "y\n";
    CliRun.Result r = cli.run("regions");
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.err()).doesNotContain("Store the key");
    assertThat(credentials()).doesNotExist();
  }
}
