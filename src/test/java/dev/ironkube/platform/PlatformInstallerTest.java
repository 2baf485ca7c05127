package dev.ironkube.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.kube.KubeApiFake;
import dev.ironkube.time.Sleeper;
import dev.ironkube.workflow.Progress;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The installer against the simulated API server, over real TLS with client certificates. */
class PlatformInstallerTest {
  private static final TestPki PKI = TestPki.create();
  private static final InstallTimeouts FAST =
      new InstallTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(20));

  private final List<String> steps = new ArrayList<>();
  private KubeApiFake api;

  @BeforeEach
  void noServerYet() {
    api = null;
  }

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private KubeApiFake start(TimeModel time, Faults faults) {
    api =
        new KubeApiFake(
            InetAddress.getLoopbackAddress(), 0, PKI.caCertPem, PKI.caKeyPem, time, faults);
    return api;
  }

  private PlatformReport install(InstallTimeouts timeouts) {
    return install(timeouts, false);
  }

  private PlatformReport install(InstallTimeouts timeouts, boolean showPassword) {
    PlatformSpec spec = PlatformSpec.defaults();
    try (KubeConnection kube =
        KubeConnection.fromKubeconfig(PKI.kubeconfig(api.url().toString(), "system:masters"))) {
      return new PlatformInstaller(
              kube,
              spec,
              PlatformFixtures.sampleSource(spec),
              recording(),
              Clock.systemUTC(),
              Sleeper.SYSTEM,
              timeouts)
          .install("203.0.113.42", Optional.of(PlatformFixtures.KEY), showPassword);
    }
  }

  @Test
  void installsEverythingThenASecondRunWritesNothing() {
    start(
        TimeModel.instant().override("kube.application.healthy", Duration.ofMillis(150)),
        Faults.none());

    PlatformReport first = install(FAST);

    assertThat(first.argoCdUrl()).isEqualTo("https://203.0.113.42:30443");
    assertThat(first.vaultUrl()).isEqualTo("http://203.0.113.42:30820");
    assertThat(first.argoWorkflowsUrl()).isEqualTo("https://203.0.113.42:32746");
    assertThat(first.argoCdPassword()).isEmpty();
    assertThat(first.lines()).anyMatch(l -> l.contains("argocd-initial-admin-secret"));
    assertThat(first.objectsWritten()).isGreaterThan(20);
    assertThat(steps)
        .contains(
            "Installing Cilium: done",
            "Installing local-path-provisioner: done",
            "Installing Argo CD: done",
            "Installing Argo Workflows: done",
            "Installing Vault: done",
            "Installing CTO controller: done",
            "Installing MCP server: done",
            "Installing Provider secret: done");
    assertThat(String.join("\n", steps)).doesNotContain(PlatformFixtures.KEY.apiKey().reveal());
    assertThat(String.join("\n", first.lines()))
        .doesNotContain(PlatformFixtures.KEY.apiKey().reveal());

    int writesAfterFirst = api.writes().size();
    PlatformReport second = install(FAST);

    assertThat(second.objectsWritten()).isZero();
    assertThat(api.writes()).hasSize(writesAfterFirst);
  }

  @Test
  void readsTheArgoCdPasswordOnlyWhenAskedAndNeverPrintsItInToString() {
    start(TimeModel.instant(), Faults.none());
    install(FAST);
    // argocd-server wrote its initial admin password when its pod started, as upstream's does.
    String[] written = new String[1];
    KubeConnectionProbe.withClient(
        PKI.kubeconfig(api.url().toString(), "system:masters"),
        client ->
            written[0] =
                new String(
                    Base64.getDecoder()
                        .decode(
                            client
                                .secrets()
                                .inNamespace("argocd")
                                .withName("argocd-initial-admin-secret")
                                .get()
                                .getData()
                                .get("password")),
                    StandardCharsets.UTF_8));
    assertThat(written[0]).matches("[0-9A-Za-z]{16}");

    assertThat(install(FAST).argoCdPassword()).isEmpty();
    PlatformReport shown = install(FAST, true);

    assertThat(shown.argoCdPassword()).contains(written[0]);
    assertThat(shown.lines()).anyMatch(l -> l.contains(written[0]));
    assertThat(shown.toString()).doesNotContain(written[0]);
  }

  @Test
  void aComponentThatNeverBecomesReadyIsNamedWithItsNamespaceAndPodReason() {
    start(
        TimeModel.instant(),
        new Faults(7).arm(Faults.Rule.always("kube.workload.argocd/argo-workflows", "image-pull")));

    assertThatThrownBy(
            () ->
                install(
                    new InstallTimeouts(
                        Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofMillis(50))))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("Argo Workflows")
        .hasMessageContaining("namespace argo")
        .hasMessageContaining("ImagePullBackOff");
    assertThat(steps).anyMatch(s -> s.startsWith("Installing Argo Workflows: failed"));
  }

  @Test
  void aWorkloadFailingItsReadinessProbeIsReportedAsSuch() {
    start(
        TimeModel.instant(),
        new Faults(7)
            .arm(
                Faults.Rule.always(
                    "kube.workload.local-path-storage/local-path-provisioner", "never-ready")));

    assertThatThrownBy(
            () ->
                install(
                    new InstallTimeouts(
                        Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofMillis(50))))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("local-path-provisioner (namespace local-path-storage)")
        .hasMessageContaining("readiness probe failing");
  }

  private Progress recording() {
    return new Progress() {
      @Override
      public void phase(String title) {}

      @Override
      public Step step(String title) {
        return new Step() {
          @Override
          public void update(String detail, double fraction) {}

          @Override
          public void done(String summary) {
            steps.add(title + ": done");
          }

          @Override
          public void fail(String reason) {
            steps.add(title + ": failed: " + reason);
          }
        };
      }

      @Override
      public void info(String line) {}

      @Override
      public void warn(String line) {}
    };
  }
}
