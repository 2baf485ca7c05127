package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.sim.infisical.InfisicalOptions;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.sim.scaleway.ScalewayOptions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** --verbose prints the request log its help promises: one redacted line per HTTP request. */
class VerboseRequestLogTest {
  private final CliRun cli = new CliRun();

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void verboseLogsEveryRequestWithMethodUrlStatusAndTime() {
    CliRun.Result r = cli.run("plans", "--simulate", "--verbose");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = httpLines(r.err());
    assertThat(lines).isNotEmpty();
    String base = cli.sim.latitudeUrl().toString().replaceAll("/$", "");
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "  http: Latitude\\.sh GET \\Q" + base + "\\E/plans\\S* 200 [0-9]+ms.*"));
    assertThat(r.err()).doesNotContain(SimulatedDatacenter.LATITUDE_TEST_KEY);
    assertThat(r.err().toLowerCase()).doesNotContain("authorization").doesNotContain("bearer");
    assertThat(r.out()).doesNotContain("http:");
  }

  @Test
  void withoutVerboseThereIsNoRequestLog() {
    CliRun.Result r = cli.run("plans", "--simulate");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(httpLines(r.err())).isEmpty();
  }

  @Test
  void scalewayAndInfisicalRequestsAreLoggedWithoutTheirSecrets() {
    cli.env.put("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "someone");
    CliRun.Result r = cli.run("plans", "--simulate", "--provider", "scaleway", "-x");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = httpLines(r.err());
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  http: Scaleway GET http"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  http: Infisical POST http"));
    assertThat(r.err())
        .doesNotContain(ScalewayOptions.DEFAULT_SECRET_KEY)
        .doesNotContain(InfisicalOptions.DEFAULT_CLIENT_SECRET)
        .doesNotContain("X-Auth-Token");
  }

  private static List<String> httpLines(String err) {
    return Arrays.stream(err.split("\n")).filter(l -> l.startsWith("  http: ")).toList();
  }
}
