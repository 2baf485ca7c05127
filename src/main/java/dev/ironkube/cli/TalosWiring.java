package dev.ironkube.cli;

import dev.ironkube.platform.CiliumManifests;
import dev.ironkube.platform.HttpManifestSource;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.talos.patch.TalosSchemas;
import dev.ironkube.talos.stage.TalosBootstrap;
import dev.ironkube.workflow.provision.ProvisionContext;
import java.net.URI;

/** Builds the Talos half of the pipeline for a run. */
final class TalosWiring {
  private TalosWiring() {}

  /**
   * The CNI (Cilium) travels in every control plane's config as inline manifests, with or without
   * the platform: the config says {@code cni: none} and no kube-proxy, so without it no kubelet
   * ever reports Ready ("cni plugin not initialized") and the bootstrap's wait for a Ready node
   * would never end.
   */
  static TalosBootstrap stage(Connections c, ProvisionContext ctx) {
    return new TalosBootstrap(
        ctx.settings(),
        ctx.files(),
        ctx.gate(),
        ctx.progress(),
        ctx.cancellation(),
        ctx.clock(),
        () ->
            ctx.images()
                .installerImage(
                    ctx.journal()
                        .value("schematic")
                        .orElseThrow(() -> new IllegalStateException("no schematic resolved yet")),
                    ctx.settings().require(SettingsCatalogue.TALOS_VERSION)),
        () -> CiliumManifests.inlineManifests(PlatformWiring.spec(ctx.settings())),
        schemas(ctx.settings(), ctx.files()));
  }

  /** Config schemas cached in the home, downloaded through the manifest mirror when one is set. */
  static TalosSchemas schemas(Settings settings, ClusterFiles files) {
    URI mirror = settings.get(SettingsCatalogue.MANIFEST_MIRROR).map(URI::create).orElse(null);
    return new TalosSchemas(files.cache(), url -> HttpManifestSource.create(mirror).fetch(url));
  }
}
