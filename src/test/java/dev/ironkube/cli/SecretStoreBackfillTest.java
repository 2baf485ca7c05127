package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Phase 0 through the CLI: Infisical fills only what file, environment and flags left unset. */
class SecretStoreBackfillTest {
  private final CliRun cli = new CliRun();

  @AfterEach
  void close() {
    cli.close();
  }

  private CliRun.Result dryRun(String... extra) {
    cli.env.put("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "from-the-environment");
    cli.env.put("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "from-the-environment");
    String[] base = {
      "provision", "--simulate", "--yes", "--dry-run", "--plan", "c2-small-x86", "--region", "CHI"
    };
    String[] args = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return cli.run(args);
  }

  @Test
  void aSecretFillsASettingNothingElseSet() {
    cli.sim.infisical().putSecret("prod", "/", "TALOS_VERSION", "v1.12.11");
    CliRun.Result r = dryRun();
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("Talos v1.12.11");
  }

  @Test
  void theEnvironmentAndFlagsWinOverTheSecretStore() {
    cli.sim.infisical().putSecret("prod", "/", "TALOS_VERSION", "v1.12.11");
    cli.env.put("IRONKUBE_TALOS_VERSION", "v1.13.9");
    CliRun.Result env = dryRun();
    assertThat(env.err()).as(env.err()).contains("Talos v1.13.9");
    CliRun.Result flag = dryRun("--talos-version", "v1.11.6");
    assertThat(flag.err()).as(flag.err()).contains("Talos v1.11.6");
  }

  @Test
  void aBadValueFromTheSecretStoreIsReportedWithItsPath() {
    cli.sim.infisical().putSecret("prod", "/", "TALOS_VERSION", "v1.2.3");
    CliRun.Result r = dryRun();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("spec.talos.version").contains("not supported");
  }

  @Test
  void theClusterCredentialsAreWrittenBackForASecondOperator() throws Exception {
    cli.env.put("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "set");
    cli.env.put("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "set");
    Path doc = cli.userHome.resolve("wb.yaml");
    Files.writeString(
        doc,
        "apiVersion: ironkube.dev/v1alpha1\nkind: Cluster\nspec:\n  infisical:\n    writeBack: true\n");
    CliRun.Result r =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--no-platform",
            "--name",
            "wb",
            "-f",
            doc.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    String stored = cli.sim.infisical().secretValue("prod", "/", "IRONKUBE_WB_KUBECONFIG_B64");
    assertThat(stored).isNotBlank();
    String kubeconfig = new String(Base64.getDecoder().decode(stored), StandardCharsets.UTF_8);
    assertThat(kubeconfig)
        .isEqualTo(Files.readString(cli.home().resolve("clusters/wb/kubeconfig")));
    assertThat(r.all()).doesNotContain(stored);

    // The copies belong to the cluster: destroy removes them with it.
    CliRun.Result d = cli.run("destroy", "wb", "--simulate", "--yes", "-f", doc.toString());
    assertThat(d.exitCode()).as(d.err()).isZero();
    assertThat(cli.sim.infisical().secretNames("prod", "/"))
        .noneMatch(n -> n.startsWith("IRONKUBE_WB_"));
  }
}
