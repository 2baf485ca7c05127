package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.settings.Secret;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.settings.Source;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Under --simulate, a user's real credentials stay home; the simulator's own are used. */
class SimulatedCredentialsTest {
  private static final String REAL_LATITUDE = "lat_real_key_of_the_user_0000000000000";
  private static final String REAL_SCALEWAY = "11111111-2222-4333-8444-555555555555";

  private CliRun cli;

  @AfterEach
  void close() {
    if (cli != null) {
      cli.close();
    }
  }

  @Test
  void keysFromOutsideTheCommandLineAreDroppedAndNamedButAFlagIsKept() {
    Settings s =
        Settings.defaults()
            .with(SettingsCatalogue.LATITUDE_API_KEY, REAL_LATITUDE, Source.ENVIRONMENT)
            .with(SettingsCatalogue.SCALEWAY_SECRET_KEY, REAL_SCALEWAY, Source.CREDENTIAL_STORE)
            .with(SettingsCatalogue.SCALEWAY_PROJECT, "p", Source.FILE);
    Settings own = SimulatedCredentials.withoutOutsideCredentials(s);
    assertThat(own.secret(SettingsCatalogue.LATITUDE_API_KEY)).isEmpty();
    assertThat(own.secret(SettingsCatalogue.SCALEWAY_SECRET_KEY)).isEmpty();
    assertThat(own.isSet(SettingsCatalogue.SCALEWAY_PROJECT)).isFalse();
    assertThat(SimulatedCredentials.ignored(s, own))
        .containsExactly("LATITUDE_API_KEY", "SCW_SECRET_KEY", "SCW_DEFAULT_PROJECT_ID");
    String notice = SimulatedCredentials.notice(SimulatedCredentials.ignored(s, own));
    assertThat(notice).contains("LATITUDE_API_KEY").doesNotContain(REAL_LATITUDE);

    Settings flag =
        Settings.defaults().with(SettingsCatalogue.LATITUDE_API_KEY, "lat_flag", Source.FLAG);
    assertThat(
            SimulatedCredentials.withoutOutsideCredentials(flag)
                .secret(SettingsCatalogue.LATITUDE_API_KEY))
        .contains(Secret.of("lat_flag"));
    assertThat(SimulatedCredentials.notice(List.of())).isNull();
  }

  @Test
  void aSimulatedProvisionWithRealKeysInTheEnvironmentNeverSendsThem() {
    cli = new CliRun();
    cli.env.put("LATITUDE_API_KEY", REAL_LATITUDE);
    cli.env.put("SCW_SECRET_KEY", REAL_SCALEWAY);
    CliRun.Result r = cli.run("provision", "--simulate", "--yes", "--no-platform");
    // The simulated Latitude accepts only its own key: a real one sent would be refused (401).
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(cli.sim.requests().matching(e -> e.status() == 401 || e.status() == 403)).isEmpty();
    assertThat(r.err().split("ignoring ", -1)).hasSize(2);
    assertThat(r.err()).contains("ignoring LATITUDE_API_KEY, SCW_SECRET_KEY");
    assertThat(r.all()).doesNotContain(REAL_LATITUDE).doesNotContain(REAL_SCALEWAY);

    CliRun.Result scaleway =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--no-platform",
            "--provider",
            "scaleway",
            "--name",
            "scw");
    assertThat(scaleway.exitCode()).as(scaleway.err()).isZero();
    assertThat(cli.sim.requests().matching(e -> e.status() == 401 || e.status() == 403)).isEmpty();
  }
}
