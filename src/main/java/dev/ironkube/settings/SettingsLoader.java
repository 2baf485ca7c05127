package dev.ironkube.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Layers the settings, lowest precedence first: catalogue defaults, the cluster document (from -f
 * or $IRONKUBE_HOME/config.yaml), the environment, then flags. Secret stores only backfill what is
 * still missing afterwards (see {@link #backfill}).
 */
public final class SettingsLoader {

  /** The layered settings and every problem found while reading them. */
  public record Loaded(Settings settings, List<Problem> problems) {}

  private SettingsLoader() {}

  /**
   * @param explicitFile the -f file, or null to use {@code home/config.yaml} when present
   * @param home the IRONKUBE_HOME folder
   * @param env the process environment
   * @param flags setting path → value from command-line flags (only those given)
   */
  public static Loaded load(
      Path explicitFile, Path home, Map<String, String> env, Map<String, String> flags) {
    List<Problem> problems = new ArrayList<>();
    Settings settings = Settings.defaults();

    Path file = explicitFile;
    if (file == null && home != null && Files.isRegularFile(home.resolve("config.yaml"))) {
      file = home.resolve("config.yaml");
    }
    if (file != null) {
      ClusterDocument.Parsed parsed = ClusterDocument.read(file);
      problems.addAll(parsed.problems());
      for (var e : parsed.values().entrySet()) {
        settings = settings.with(e.getKey(), e.getValue(), Source.FILE);
      }
    }
    for (SettingDef def : SettingsCatalogue.all()) {
      if (def.env().isEmpty()) {
        continue;
      }
      String value = env.get(def.env());
      if (value != null && !value.isBlank()) {
        settings = settings.with(def.path(), value.strip(), Source.ENVIRONMENT);
      }
    }
    for (var e : flags.entrySet()) {
      if (e.getValue() != null) {
        settings = settings.with(e.getKey(), e.getValue(), Source.FLAG);
      }
    }
    return new Loaded(settings, problems);
  }

  /** Sets each value only where nothing above the defaults has set it yet. */
  public static Settings backfill(Settings settings, Map<String, String> values, Source source) {
    Settings out = settings;
    for (var e : values.entrySet()) {
      Source current = out.source(e.getKey()).orElse(Source.DEFAULT);
      boolean missing = current == Source.DEFAULT || !isSetAny(out, e.getKey());
      if (missing) {
        out = out.with(e.getKey(), e.getValue(), source);
      }
    }
    return out;
  }

  private static boolean isSetAny(Settings s, String path) {
    return SettingsCatalogue.find(path).map(SettingDef::secret).orElse(false)
        ? s.secret(path).isPresent()
        : s.isSet(path);
  }
}
