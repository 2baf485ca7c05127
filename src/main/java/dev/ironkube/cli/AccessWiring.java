package dev.ironkube.cli;

import dev.ironkube.access.AccessStage;
import dev.ironkube.access.teleport.TeleportClient;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.talos.stage.TalosBootstrap;
import dev.ironkube.workflow.provision.ProvisionContext;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Builds the verify-then-lockdown stage when Teleport is configured (TELEPORT_PROXY and
 * TELEPORT_IDENTITY_FILE). Without Teleport there is no other way in, so the operator's allows stay
 * and the run says so.
 */
final class AccessWiring {
  private AccessWiring() {}

  static Optional<AccessStage> stage(
      Connections c, ProvisionContext ctx, TalosBootstrap talos, boolean platform) {
    Settings s = c.settings();
    var proxy = s.get(SettingsCatalogue.TELEPORT_PROXY);
    var identity = s.get(SettingsCatalogue.TELEPORT_IDENTITY);
    if (proxy.isEmpty() && identity.isEmpty()) {
      ctx.progress()
          .info(
              "Teleport: not configured; the operator's access to 50000 and 6443 stays open to"
                  + " your address (set TELEPORT_PROXY and TELEPORT_IDENTITY_FILE to lock down)");
      return Optional.empty();
    }
    if (proxy.isEmpty() || identity.isEmpty()) {
      throw new UserInputException(
          "Teleport needs both TELEPORT_PROXY and TELEPORT_IDENTITY_FILE; only "
              + (proxy.isPresent() ? "TELEPORT_PROXY" : "TELEPORT_IDENTITY_FILE")
              + " is set",
          "set the other one, or unset both to skip the Teleport verification and lockdown");
    }
    if (!platform) {
      throw new UserInputException(
          "the Teleport agent is deployed through Argo CD, which --no-platform leaves out",
          "drop --no-platform, or unset TELEPORT_PROXY to skip the Teleport verification");
    }
    return Optional.of(
        new AccessStage(
            new TeleportClient(proxy.get(), Path.of(identity.get()), c.requestLog()),
            ctx.spec().name(),
            s.require(SettingsCatalogue.TELEPORT_AGENT_CHART),
            ctx.files(),
            ctx.gate(),
            ctx.progress(),
            ctx.clock(),
            ctx.cancellation(),
            s.duration(SettingsCatalogue.TELEPORT_POLL),
            s.duration(SettingsCatalogue.TELEPORT_TIMEOUT),
            talos));
  }
}
