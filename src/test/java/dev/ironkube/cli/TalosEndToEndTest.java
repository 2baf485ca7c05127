package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.settings.TalosReleases;
import dev.ironkube.sim.Faults;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.api.TalosIdentity;
import dev.ironkube.talos.stage.KubeApiProbe;
import dev.ironkube.talos.talosconfig.Talosconfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Talos half of `provision` through the CLI, against simulated nodes over real mTLS. */
class TalosEndToEndTest {
  private CliRun cli;

  @AfterEach
  void close() {
    if (cli != null) {
      cli.close();
    }
  }

  /**
   * A run that ends with the node Ready: the Talos path these cases are about. The platform after
   * it is PlatformEndToEndTest's and ProvisionEndToEndTest's subject.
   */
  private CliRun.Result provision(Faults faults) {
    cli = new CliRun(faults);
    return cli.run("provision", "--simulate", "--yes", "--no-platform", "--name", "tal");
  }

  private Path cluster(String file) {
    return cli.home().resolve("clusters/tal").resolve(file);
  }

  @Test
  void bootstrapsAClusterWhoseTalosconfigAndKubeconfigWork() throws Exception {
    CliRun.Result r = provision(new Faults(1));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Talosconfig:").contains("Kubeconfig:");
    assertThat(r.err()).doesNotContain("out of community support");
    for (String f : new String[] {"secrets.yaml", "talosconfig", "kubeconfig"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cluster(f))))
          .as(f)
          .isEqualTo("rw-------");
    }

    Talosconfig tc = Talosconfig.read(cluster("talosconfig"));
    String address = tc.endpoints().get(0);
    var identity = new TalosIdentity(tc.caPem(), tc.certificatePem(), tc.keyPkcs8Pem());
    try (TalosClient talos = TalosClient.secure(address, identity)) {
      assertThat(talos.version().tag()).isEqualTo(TalosReleases.current().newestPatch());
      assertThat(talos.serviceList()).anyMatch(s -> s.id().equals("etcd") && s.runningAndHealthy());
    }

    // The kubeconfig reaches the API, which serves with the cluster's own CA.
    String kubeconfig = Files.readString(cluster("kubeconfig"));
    assertThat(kubeconfig).contains("https://" + address + ":6443");
    var probe = KubeApiProbe.fromKubeconfig(kubeconfig).version();
    assertThat(probe).isPresent();
  }

  /**
   * One provision per supported minor, each node behaving as its release does (see
   * PerMinorApiFidelityTest): the client must cope with 1.11/1.12's Version refusal in maintenance
   * (COSI fallback) as well as 1.13+'s apid maintenance and NO_REBOOT apply. Without the platform:
   * the simulated Kubernetes API is one version whatever the Talos minor (sim/kube/Discovery). The
   * current minor is the default, provisioned by
   * bootstrapsAClusterWhoseTalosconfigAndKubeconfigWork.
   */
  @ParameterizedTest
  @ValueSource(strings = {"v1.11.6", "v1.12.12", "v1.13.10"})
  void provisionsOnEverySupportedMinor(String release) throws Exception {
    cli = new CliRun(new Faults(7));
    CliRun.Result r =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--no-platform",
            "--name",
            "tal",
            "--talos-version",
            release);
    assertThat(r.exitCode()).as(r.err()).isZero();
    if (release.startsWith("v1.11.")) {
      assertThat(r.err()).contains("out of community support");
    } else {
      assertThat(r.err()).doesNotContain("out of community support");
    }
    Talosconfig tc = Talosconfig.read(cluster("talosconfig"));
    var identity = new TalosIdentity(tc.caPem(), tc.certificatePem(), tc.keyPkcs8Pem());
    try (TalosClient talos = TalosClient.secure(tc.endpoints().get(0), identity)) {
      assertThat(talos.version().tag()).isEqualTo(release);
    }
  }

  @Test
  void applyDroppingTheConnectionIsTheExpectedReboot() {
    CliRun.Result r = provision(new Faults(2).arm(Faults.Rule.once("talos.apply", "drop")));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("connection dropped as the node rebooted");
  }

  @Test
  void bootstrapRefusedForAWhileIsRetried() {
    CliRun.Result r =
        provision(new Faults(3).arm(new Faults.Rule("talos.bootstrap", "precondition", 0, 3, 1)));
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void aServiceThatNeverTurnsHealthyFailsClearlyAndCleansUp() {
    cli =
        new CliRun(new Faults(4).arm(Faults.Rule.always("talos.service.kubelet", "never-healthy")));
    Path doc = cli.userHome.resolve("short.yaml");
    try {
      Files.writeString(
          doc,
          "apiVersion: ironkube.dev/v1alpha1\nkind: Cluster\nspec:\n  waits:\n    bootstrapTimeout: 1500ms\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CliRun.Result r =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--no-platform",
            "--name",
            "tal",
            "-f",
            doc.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PROVISION_FAILED);
    assertThat(r.err()).contains("kubelet").contains("Cleaning up");
    assertThat(cli.sim.latitude().servers()).isEmpty();
    assertThat(cli.sim.latitude().projects()).isEmpty();
  }

  @Test
  void aRejectedConfigFailsWithTheNodesReasonAndCleansUp() {
    CliRun.Result r = provision(new Faults(5).arm(Faults.Rule.once("talos.apply", "reject")));
    assertThat(r.exitCode()).as(r.err()).isNotZero();
    assertThat(r.err()).contains("Cleaning up");
    assertThat(cli.sim.latitude().servers()).isEmpty();
  }

  @Test
  void dryRunWritesTheRenderedConfigsPrivately() throws Exception {
    cli = new CliRun(new Faults(6));
    CliRun.Result r =
        cli.run(
            "provision",
            "--simulate",
            "--yes",
            "--dry-run",
            "--name",
            "tal",
            "--plan",
            "c2-small-x86",
            "--region",
            "CHI");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Path rendered = cluster("rendered/controlplane.yaml");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rendered)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(rendered))
        .contains("NetworkDefaultActionConfig")
        .contains("machine:");
    String redacted = Files.readString(cluster("rendered/controlplane.redacted.yaml"));
    assertThat(redacted).contains("<redacted>").doesNotContain("PRIVATE KEY");
    assertThat(r.all()).doesNotContain("PRIVATE KEY");
  }
}
