package dev.ironkube.cli;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.platform.HttpManifestSource;
import dev.ironkube.platform.InstallTimeouts;
import dev.ironkube.platform.ManifestSource;
import dev.ironkube.platform.PlatformSpec;
import dev.ironkube.platform.PlatformSpecMapper;
import dev.ironkube.platform.PlatformStage;
import dev.ironkube.platform.ProviderKey;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.workflow.provision.ProvisionContext;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds the platform stage of a run from the settings, or none when it is turned off. */
final class PlatformWiring {
  private PlatformWiring() {}

  static PlatformSpec spec(Settings settings) {
    Map<String, String> keys = new TreeMap<>(settings.under(SettingsCatalogue.PLATFORM_PREFIX));
    keys.remove("enabled");
    try {
      return PlatformSpecMapper.fromMap(keys);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(
          "invalid platform setting: " + e.getMessage(),
          "fix spec.platform in the cluster document; see the README's platform section");
    }
  }

  static Optional<PlatformStage> stage(Connections c, ProvisionContext ctx, boolean showPassword) {
    Settings s = ctx.settings();
    if (!s.flag(SettingsCatalogue.PLATFORM_ENABLED)) {
      return Optional.empty();
    }
    ManifestSource manifests =
        c.sim()
            .map(SimulatedBackend.Datacenter::manifests)
            .orElseGet(
                () ->
                    HttpManifestSource.create(
                        s.get(SettingsCatalogue.MANIFEST_MIRROR).map(URI::create).orElse(null)));
    var timeout = s.duration(SettingsCatalogue.PLATFORM_TIMEOUT);
    var poll = s.duration(SettingsCatalogue.PLATFORM_POLL);
    return Optional.of(
        new PlatformStage(
            spec(s),
            ctx.files(),
            manifests,
            ctx.progress(),
            ctx.clock(),
            ctx.cancellation(),
            new InstallTimeouts(timeout, timeout, poll),
            // The provider key, copied into Vault and the cto namespace as the seed describes.
            c.providerSecret().map(key -> new ProviderKey(s.provider(), key)),
            showPassword));
  }
}
