package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.sim.Faults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Phase 8 through the CLI, against the simulated node's Kubernetes API. */
class PlatformEndToEndTest {
  private CliRun cli;

  @AfterEach
  void close() {
    if (cli != null) {
      cli.close();
    }
  }

  @Test
  void theRunEndsWithTheFullReportAndARerunChangesNothing() {
    cli = new CliRun(new Faults(1));
    CliRun.Result r = cli.run("provision", "--simulate", "--yes", "--name", "plat");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Argo CD:")
        .contains(":30443")
        .contains("argocd-initial-admin-secret")
        .contains("Argo Workflows:")
        .contains("Vault:")
        .contains("ironkube destroy plat");
    assertThat(r.err()).contains("Installing Cilium").contains("Installing Argo CD");

    CliRun.Result again = cli.run("provision", "--simulate", "--yes", "--name", "plat");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err())
        .contains("Installing Argo CD")
        .doesNotContain(" created)")
        .doesNotContain(" updated");
  }

  @Test
  void aComponentThatNeverBecomesReadyFailsTheRunNamingItAndCleansUp() {
    cli =
        new CliRun(
            new Faults(2)
                .arm(Faults.Rule.always("kube.workload.argocd/argo-workflows", "image-pull")));
    Path doc = cli.userHome.resolve("short.yaml");
    try {
      Files.writeString(
          doc,
          "apiVersion: ironkube.dev/v1alpha1\nkind: Cluster\nspec:\n  waits:\n    platformTimeout: 1500ms\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CliRun.Result r =
        cli.run("provision", "--simulate", "--yes", "--name", "plat", "-f", doc.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PROVISION_FAILED);
    assertThat(r.err())
        .contains("Argo Workflows")
        .contains("ImagePullBackOff")
        .contains("Cleaning up");
    assertThat(cli.sim.latitude().servers()).isEmpty();
  }
}
