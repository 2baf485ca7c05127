package dev.ironkube.cli;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.settings.Problem;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.settings.SettingsLoader;
import dev.ironkube.settings.SettingsValidator;
import dev.ironkube.settings.Source;
import dev.ironkube.store.IronkubeHome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads and validates the layered settings for a command, before any remote call. */
final class SettingsResolution {
  private SettingsResolution() {}

  static Settings resolve(
      CliEnvironment env, CommonOptions common, Map<String, String> extraFlags) {
    SettingsLoader.Loaded loaded = load(env, common, extraFlags);
    List<Problem> problems = new ArrayList<>(loaded.problems());
    // The simulator issues what a real account would hold (a Scaleway project, say).
    Settings settings =
        common.simulate
            ? SimulatedBackend.require().accountDefaults(loaded.settings())
            : loaded.settings();
    problems.addAll(SettingsValidator.validate(settings));
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    return settings;
  }

  static SettingsLoader.Loaded load(
      CliEnvironment env, CommonOptions common, Map<String, String> extraFlags) {
    Map<String, String> flags = new LinkedHashMap<>(common.flags());
    flags.putAll(extraFlags);
    SettingsLoader.Loaded loaded =
        SettingsLoader.load(common.file, home(env).root(), env.env(), flags);
    if (common.apiKey == null) {
      return loaded;
    }
    // --api-key is the key of the provider in use, wherever the provider was chosen (document,
    // environment or --provider), so it is placed once the layers are resolved.
    Settings s = loaded.settings();
    String path =
        "scaleway".equals(s.get(SettingsCatalogue.PROVIDER).orElse(""))
            ? SettingsCatalogue.SCALEWAY_SECRET_KEY
            : SettingsCatalogue.LATITUDE_API_KEY;
    return new SettingsLoader.Loaded(s.with(path, common.apiKey, Source.FLAG), loaded.problems());
  }

  static IronkubeHome home(CliEnvironment env) {
    return IronkubeHome.resolve(env.env(), env.home());
  }

  static UserInputException invalid(List<Problem> problems) {
    StringBuilder b = new StringBuilder();
    if (problems.size() == 1) {
      b.append("invalid setting ").append(problems.get(0));
    } else {
      b.append("the settings have ").append(problems.size()).append(" problems:");
      for (Problem p : problems) {
        b.append("\n  ").append(p);
      }
    }
    return new UserInputException(
        b.toString(),
        "fix them in the cluster document, the environment or the flags;"
            + " 'ironkube config show' lists every setting and where it came from");
  }
}
