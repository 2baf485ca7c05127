package dev.ironkube.cli;

import dev.ironkube.platform.CiliumManifests;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.talos.stage.TalosBootstrap;
import dev.ironkube.workflow.provision.ProvisionContext;
import java.util.Map;

/** Builds the Talos half of the pipeline for a run. */
final class TalosWiring {
  private TalosWiring() {}

  /**
   * @param withCni whether the platform's Cilium arrives as inline manifests at bootstrap
   */
  static TalosBootstrap stage(Connections c, ProvisionContext ctx, boolean withCni) {
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
        () ->
            withCni
                ? CiliumManifests.inlineManifests(PlatformWiring.spec(ctx.settings()))
                : Map.of());
  }
}
