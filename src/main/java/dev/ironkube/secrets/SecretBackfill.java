package dev.ironkube.secrets;

import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsLoader;
import dev.ironkube.settings.Source;

/**
 * Phase 0's last step: a secret store fills what file, environment and flags left missing, and
 * nothing else, so a value typed on the command line always beats the store.
 */
public final class SecretBackfill {
  private SecretBackfill() {}

  public static Settings apply(Settings settings, SecretSource source, SecretMapping mapping) {
    return SettingsLoader.backfill(settings, mapping.apply(source.fetch()), Source.SECRET_STORE);
  }
}
