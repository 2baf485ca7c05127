package dev.ironkube.platform;

import dev.ironkube.store.ClusterFiles;
import dev.ironkube.time.Sleeper;
import dev.ironkube.workflow.Phase;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.provision.AfterBootstrap;
import dev.ironkube.workflow.provision.ClusterNodes;
import dev.ironkube.workflow.provision.Endpoints;
import dev.ironkube.workflow.provision.PreflightCheck;
import dev.ironkube.workflow.provision.TalosStage;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Phase 8 of the pipeline: the platform stack installed through the new cluster's API and waited
 * for, component by component. Re-running it against a cluster that has it changes nothing.
 */
public final class PlatformStage implements AfterBootstrap {
  private final PlatformSpec spec;
  private final ClusterFiles files;
  private final PrefetchedManifests manifests;
  private final Progress progress;
  private final Clock clock;
  private final Sleeper sleeper;
  private final InstallTimeouts timeouts;
  private final Optional<ProviderKey> providerKey;
  private final boolean showArgoCdPassword;
  private final List<String> report = new ArrayList<>();
  private PlatformReport installed;

  public PlatformStage(
      PlatformSpec spec,
      ClusterFiles files,
      ManifestSource manifests,
      Progress progress,
      Clock clock,
      Sleeper sleeper,
      InstallTimeouts timeouts,
      Optional<ProviderKey> providerKey,
      boolean showArgoCdPassword) {
    this.spec = spec;
    this.files = files;
    this.manifests = new PrefetchedManifests(manifests);
    this.progress = progress;
    this.clock = clock;
    this.sleeper = sleeper;
    this.timeouts = timeouts;
    this.providerKey = providerKey;
    this.showArgoCdPassword = showArgoCdPassword;
  }

  /** Every manifest the install downloads, fetched now and kept for the run. */
  @Override
  public List<PreflightCheck> preflight() {
    List<PreflightCheck> checks = new ArrayList<>();
    for (URI url : PrefetchedManifests.neededBy(spec)) {
      checks.add(
          PreflightCheck.of(
              "Platform manifest " + url,
              () -> "downloaded, " + manifests.prefetch(url) / 1024 + " KiB kept for the run"));
    }
    return checks;
  }

  @Override
  public List<Phase> phases(ClusterNodes cluster) {
    return List.of(
        Phase.always("platform", "Installing the platform", () -> install(cluster.first())));
  }

  private void install(TalosStage.Node node) throws Exception {
    try (KubeConnection kube =
        KubeConnection.fromKubeconfig(Files.readString(files.kubeconfig()), node.address())) {
      PlatformReport r =
          new PlatformInstaller(kube, spec, manifests, progress, clock, sleeper, timeouts)
              .install(node.address(), providerKey, showArgoCdPassword);
      report.clear();
      report.addAll(r.lines());
      installed = r;
    }
  }

  @Override
  public List<String> reportLines() {
    return List.copyOf(report);
  }

  @Override
  public Endpoints endpoints(Endpoints so) {
    if (installed == null) {
      return so;
    }
    return so.withPlatform(
        new Endpoints.ArgoCd(
            installed.argoCdUrl(),
            installed.argoCdUser(),
            new Endpoints.SecretKey(
                PlatformSpec.ARGOCD_NAMESPACE, PlatformReport.ARGOCD_PASSWORD_SECRET, "password"),
            installed.argoCdPassword().orElse(null)),
        installed.argoWorkflowsUrl(),
        new Endpoints.Vault(
            installed.vaultUrl(),
            "dev",
            new Endpoints.SecretKey(
                PlatformSpec.CTO_NAMESPACE, ProviderSecretManifests.TOKEN_SECRET, "token")));
  }
}
