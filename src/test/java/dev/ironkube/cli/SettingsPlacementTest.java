package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.sim.infisical.InfisicalOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where settings and files land: HOME, --api-key, an Infisical-named cluster, config show. */
class SettingsPlacementTest {
  private final CliRun cli = new CliRun();

  @AfterEach
  void close() {
    cli.close();
  }

  private JsonNode show(String... extra) throws Exception {
    String[] args = new String[extra.length + 4];
    args[0] = "config";
    args[1] = "show";
    args[2] = "-o";
    args[3] = "json";
    System.arraycopy(extra, 0, args, 4, extra.length);
    CliRun.Result r = cli.run(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void theHomeIsTheEnvironmentsHomeNotThePasswordDatabases() throws Exception {
    Path home = Files.createTempDirectory("ironkube-env-home");
    cli.env.put("HOME", home.toString());
    CliRun.Result r = cli.run("provision", "--simulate", "--yes", "--no-platform");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(home.resolve(".ironkube/clusters/demo/journal.jsonl")).exists();
    assertThat(cli.userHome.resolve(".ironkube")).doesNotExist();

    CliRun.Result merge = cli.run("kubeconfig", "demo", "--merge");
    assertThat(merge.exitCode()).as(merge.err()).isZero();
    assertThat(home.resolve(".kube/config")).exists();
    assertThat(cli.userHome.resolve(".kube")).doesNotExist();
  }

  @Test
  void apiKeyIsTheKeyOfTheChosenProvider() throws Exception {
    JsonNode scaleway = show("--provider", "scaleway", "--api-key", "scw-secret");
    assertThat(scaleway.at("/secrets.scaleway.secretKey/source").asText()).isEqualTo("flag");
    assertThat(scaleway.at("/secrets.scaleway.secretKey/value").asText()).isEqualTo("****");
    assertThat(scaleway.at("/secrets.latitude.apiKey/source").asText()).isEqualTo("unset");

    cli.env.put("IRONKUBE_PROVIDER", "scaleway");
    assertThat(show("--api-key", "k").at("/secrets.scaleway.secretKey/source").asText())
        .isEqualTo("flag");
    cli.env.remove("IRONKUBE_PROVIDER");
    assertThat(show("--api-key", "k").at("/secrets.latitude.apiKey/source").asText())
        .isEqualTo("flag");

    // A wrong key for Scaleway is refused by Scaleway, not silently replaced.
    CliRun.Result r =
        cli.run(
            "provision",
            "--provider",
            "scaleway",
            "--simulate",
            "--yes",
            "--no-platform",
            "--api-key",
            "not-the-key");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UNAUTHORIZED);
    assertThat(r.all()).doesNotContain("not-the-key");
    assertThat(cli.sim.scaleway().servers()).isEmpty();
  }

  @Test
  void aClusterNamedByInfisicalKeepsItsJournalInItsOwnFolder() throws Exception {
    cli.env.put("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "set");
    cli.env.put("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "set");
    cli.sim.infisical().putSecret("prod", "/", "CLUSTER_NAME", "named");
    CliRun.Result r = cli.run("provision", "--simulate", "--yes", "--no-platform");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(cli.home().resolve("clusters/named/journal.jsonl")).exists();
    assertThat(cli.home().resolve("clusters/named/secrets.yaml")).exists();
    assertThat(cli.home().resolve("clusters/demo")).doesNotExist();
    assertThat(cli.run("destroy", "named", "--simulate", "--yes").exitCode()).isZero();
    assertThat(cli.sim.latitude().servers()).isEmpty();
  }

  @Test
  void configShowSaysWhatComesFromInfisical() throws Exception {
    cli.env.put("INFISICAL_API_URL", cli.sim.infisical().baseUri().toString());
    cli.env.put("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", InfisicalOptions.DEFAULT_CLIENT_ID);
    cli.env.put("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", InfisicalOptions.DEFAULT_CLIENT_SECRET);
    cli.env.put("INFISICAL_PROJECT_ID", InfisicalOptions.DEFAULT_PROJECT_ID);
    cli.sim.infisical().putSecret("prod", "/", "TALOS_VERSION", "v1.12.11");
    cli.sim.infisical().putSecret("prod", "/", "LATITUDE_API_KEY", "lat-secret-from-infisical");

    CliRun.Result table = cli.run("config", "show");
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.all()).doesNotContain("lat-secret-from-infisical");
    JsonNode read = show();
    assertThat(read.at("/spec.talos.version/value").asText()).isEqualTo("v1.12.11");
    assertThat(read.at("/spec.talos.version/source").asText()).isEqualTo("Infisical");
    assertThat(read.at("/secrets.latitude.apiKey/value").asText()).isEqualTo("****");
    assertThat(read.at("/secrets.latitude.apiKey/source").asText()).isEqualTo("Infisical");

    int calls = cli.sim.requests().entries().size();
    JsonNode offline = show("--offline");
    assertThat(cli.sim.requests().entries()).as("no call offline").hasSize(calls);
    assertThat(offline.at("/secrets.latitude.apiKey/source").asText())
        .isEqualTo("(from Infisical: LATITUDE_API_KEY)");
    assertThat(offline.at("/secrets.latitude.apiKey/value").isNull()).isTrue();
    assertThat(offline.at("/spec.talos.version/source").asText())
        .isEqualTo("(from Infisical: TALOS_VERSION, else default)");
  }
}
