package dev.ironkube.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.cli.ui.Table;
import dev.ironkube.settings.SettingDef;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `ironkube config validate|show`. */
@Command(
    name = "config",
    description = "Check or show the resolved settings (document < environment < flags).",
    subcommands = {ConfigCommand.Validate.class, ConfigCommand.Show.class})
final class ConfigCommand {

  @Command(
      name = "validate",
      description = {
        "Validate the settings and report every problem with its path, without calling any"
            + " service.",
        "Exit code 0 when valid, 2 when not."
      })
  static final class Validate implements java.util.concurrent.Callable<Integer> {
    private final CliEnvironment env;
    @Mixin CommonOptions common;

    Validate(CliEnvironment env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      SettingsResolution.resolve(env, common, Map.of());
      env.out().println("settings are valid");
      return 0;
    }
  }

  @Command(
      name = "show",
      description = {
        "Show every setting with its value and where it came from; secrets are masked.",
        "Invalid values are shown too (run 'config validate' to check them)."
      })
  static final class Show implements java.util.concurrent.Callable<Integer> {
    private final CliEnvironment env;
    @Mixin CommonOptions common;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FORMAT",
        description = "table or json (default: table).")
    OutputFormat output = OutputFormat.table;

    Show(CliEnvironment env) {
      this.env = env;
    }

    @Override
    public Integer call() throws Exception {
      var loaded = SettingsResolution.load(env, common, Map.of());
      if (!loaded.problems().isEmpty()) {
        throw SettingsResolution.invalid(loaded.problems());
      }
      Settings s = loaded.settings();
      Map<String, Settings.Value> values = s.masked();
      if (output == OutputFormat.json) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        for (SettingDef def : SettingsCatalogue.all()) {
          Settings.Value v = values.get(def.path());
          ObjectNode n = root.putObject(def.path());
          n.put("value", v == null ? null : v.raw());
          n.put("source", v == null ? "unset" : v.source().label());
          n.put("env", def.env());
          n.put("secret", def.secret());
        }
        env.out().println(json.writeValueAsString(root));
        return 0;
      }
      Table t = new Table("SETTING", "VALUE", "SOURCE", "ENV");
      for (SettingDef def : SettingsCatalogue.all()) {
        Settings.Value v = values.get(def.path());
        t.row(
            def.path(),
            v == null ? "-" : v.raw(),
            v == null ? "unset" : v.source().label(),
            def.env());
      }
      env.out().print(t.render());
      return 0;
    }
  }
}
