package dev.ironkube.cli;

import dev.ironkube.http.JsonHttpBuilder;
import dev.ironkube.secrets.SecretBackfill;
import dev.ironkube.secrets.SecretMapping;
import dev.ironkube.secrets.infisical.InfCredentials;
import dev.ironkube.secrets.infisical.InfScope;
import dev.ironkube.secrets.infisical.InfisicalSecrets;
import dev.ironkube.settings.Problem;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.settings.SettingsValidator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Phase 0's last step: when an Infisical machine identity is configured, settings still missing
 * after file, environment and flags are filled from its secrets (never overriding what the user
 * set), then everything is validated again.
 */
final class SecretStoreBackfill {
  private SecretStoreBackfill() {}

  static Settings apply(
      Settings settings, CliEnvironment env, UnaryOperator<JsonHttpBuilder> transport) {
    var store = connect(settings, env, transport);
    if (store.isEmpty()) {
      return settings;
    }
    Settings filled = SecretBackfill.apply(settings, store.get(), mapping(settings));
    List<Problem> problems = SettingsValidator.validate(filled);
    if (!problems.isEmpty()) {
      throw SettingsResolution.invalid(problems);
    }
    return filled;
  }

  /** Which secret names fill which settings: the standard names and the user's additions. */
  static SecretMapping mapping(Settings settings) {
    SecretMapping mapping = SecretMapping.standard();
    List<String> extra = settings.list(SettingsCatalogue.INFISICAL_MAPPING);
    if (!extra.isEmpty()) {
      mapping = mapping.with(SecretMapping.parse(String.join(",", extra)));
    }
    return mapping;
  }

  /** The Infisical store the settings configure, if any, its transport set up by the caller. */
  static Optional<InfisicalSecrets> connect(
      Settings settings, CliEnvironment env, UnaryOperator<JsonHttpBuilder> transport) {
    var clientId = settings.get(SettingsCatalogue.INFISICAL_CLIENT_ID);
    var secret = settings.secret(SettingsCatalogue.INFISICAL_CLIENT_SECRET);
    if (clientId.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    var project = settings.get(SettingsCatalogue.INFISICAL_PROJECT);
    if (project.isEmpty()) {
      throw SettingsResolution.invalid(
          List.of(
              new Problem(
                  SettingsCatalogue.INFISICAL_PROJECT,
                  "required when an Infisical identity is configured; set INFISICAL_PROJECT_ID")));
    }
    return Optional.of(
        InfisicalSecrets.connect(
            settings.uri(SettingsCatalogue.INFISICAL_URL),
            new InfCredentials(clientId.get(), secret.get().reveal()),
            new InfScope(
                project.get(),
                settings.require(SettingsCatalogue.INFISICAL_ENVIRONMENT),
                settings.require(SettingsCatalogue.INFISICAL_PATH)),
            env.clock(),
            transport));
  }
}
