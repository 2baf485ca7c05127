package dev.ironkube.cli;

import dev.ironkube.settings.SettingDef;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.settings.Source;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Under {@code --simulate}, the credentials a user keeps for real runs stay home. A Latitude or
 * Scaleway key in the environment, the cluster document, the credential store or the secret store
 * is never sent, not even to the simulator (which would refuse it anyway, and a run that sends a
 * real key somewhere the user did not mean is a leak); the simulator's own credentials take their
 * place. A key given on the command line or typed at the prompt is this run's deliberate choice and
 * is kept, so that a wrong key can still be tried against the simulator.
 */
final class SimulatedCredentials {
  /** Provider account settings, replaced by the simulator's own when they came from outside. */
  private static final List<String> PROVIDER =
      List.of(
          SettingsCatalogue.LATITUDE_API_KEY,
          SettingsCatalogue.SCALEWAY_SECRET_KEY,
          SettingsCatalogue.SCALEWAY_ACCESS_KEY,
          SettingsCatalogue.SCALEWAY_PROJECT);

  /** Integration credentials, which the simulator replaces whenever the integration is on. */
  private static final List<String> INTEGRATIONS =
      List.of(
          SettingsCatalogue.CLOUDFLARE_TOKEN,
          SettingsCatalogue.INFISICAL_CLIENT_SECRET,
          SettingsCatalogue.TELEPORT_IDENTITY);

  private static final Set<Source> FROM_OUTSIDE =
      EnumSet.of(Source.ENVIRONMENT, Source.FILE, Source.CREDENTIAL_STORE, Source.SECRET_STORE);

  private SimulatedCredentials() {}

  /** The settings without the provider credentials that came from outside this command line. */
  static Settings withoutOutsideCredentials(Settings settings) {
    Settings s = settings;
    for (String path : PROVIDER) {
      if (fromOutside(settings, path)) {
        s = s.with(path, null, Source.SIMULATOR);
      }
    }
    return s;
  }

  /**
   * The names (environment variable where there is one, else the setting's path) of the credentials
   * {@code before} held from outside that {@code after}, the settings pointed at the simulator, no
   * longer uses. Names only: a value never reaches the notice.
   */
  static List<String> ignored(Settings before, Settings after) {
    List<String> names = new ArrayList<>();
    for (String path : concat()) {
      boolean replaced =
          after.source(path).map(src -> src == Source.SIMULATOR).orElse(true) || !after.isSet(path);
      if (fromOutside(before, path) && replaced) {
        names.add(
            SettingsCatalogue.find(path)
                .map(SettingDef::env)
                .filter(e -> e != null && !e.isBlank())
                .orElse(path));
      }
    }
    return names;
  }

  /** The one notice line for the ignored names, or null when nothing was ignored. */
  static String notice(List<String> ignored) {
    if (ignored.isEmpty()) {
      return null;
    }
    return "simulation: ignoring "
        + String.join(", ", ignored)
        + " (real credentials are never sent under --simulate; the simulator's own are used)";
  }

  private static List<String> concat() {
    List<String> all = new ArrayList<>(PROVIDER);
    all.addAll(INTEGRATIONS);
    return all;
  }

  private static boolean fromOutside(Settings settings, String path) {
    return settings.isSet(path) && settings.source(path).map(FROM_OUTSIDE::contains).orElse(false);
  }
}
