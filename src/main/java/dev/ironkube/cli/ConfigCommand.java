package dev.ironkube.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.cli.ui.Table;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.secrets.SecretBackfill;
import dev.ironkube.secrets.SecretMapping;
import dev.ironkube.settings.SettingDef;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.settings.Source;
import dev.ironkube.time.Sleeper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `ironkube config validate|show`. */
@Command(
    name = "config",
    description = {
      "Check or show the resolved settings (document < environment < flags).",
      "",
      "Examples:",
      "  ironkube config validate -f cluster.yaml",
      "  ironkube config show --provider scaleway"
    },
    subcommands = {ConfigCommand.Validate.class, ConfigCommand.Show.class})
final class ConfigCommand {

  @Command(
      name = "validate",
      description = {
        "Validate the settings and report every problem with its path, without calling any"
            + " service.",
        "Exit code 0 when valid, 2 when not.",
        "",
        "Examples:",
        "  ironkube config validate",
        "  ironkube config validate -f cluster.yaml --provider scaleway"
      })
  static final class Validate implements Callable<Integer> {
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
        "Invalid values are shown too (run 'config validate' to check them).",
        "With an Infisical identity configured, the settings a run would fill from Infisical are"
            + " read from it (one read-only call) and shown with the source 'Infisical', secrets"
            + " masked. With --offline, or when Infisical cannot be reached, no value is fetched:"
            + " the settings it may fill are shown as '(from Infisical)' with the secret's name.",
        "",
        "Examples:",
        "  ironkube config show",
        "  ironkube config show --offline -o json"
      })
  static final class Show implements Callable<Integer> {
    private final CliEnvironment env;
    @Mixin CommonOptions common;

    @Mixin OutputOption output = new OutputOption();

    @Option(
        names = "--offline",
        description = "Call no service: show what Infisical may fill without reading it.")
    boolean offline;

    Show(CliEnvironment env) {
      this.env = env;
    }

    /** One row: the value, its source, and (when only Infisical may fill it) the secret's name. */
    private record Row(String value, String source) {}

    @Override
    public Integer call() throws Exception {
      var loaded = SettingsResolution.load(env, common, Map.of());
      if (!loaded.problems().isEmpty()) {
        throw SettingsResolution.invalid(loaded.problems());
      }
      Settings s = loaded.settings();
      var mapping = SecretStoreBackfill.mapping(s);
      boolean identity =
          s.isSet(SettingsCatalogue.INFISICAL_CLIENT_ID)
              && s.secret(SettingsCatalogue.INFISICAL_CLIENT_SECRET).isPresent();
      boolean fetched = false;
      if (identity && !offline) {
        try {
          var log = common.requestLog(env);
          var store =
              SecretStoreBackfill.connect(
                  s,
                  env,
                  b ->
                      b.sleeper(Sleeper.SYSTEM)
                          .clock(env.clock())
                          .random(new Random())
                          .listener(log));
          if (store.isPresent()) {
            s = SecretBackfill.apply(s, store.get(), mapping);
            fetched = true;
          }
        } catch (IronkubeException | UncheckedIOException e) {
          env.err()
              .println(
                  "ironkube: Infisical could not be read ("
                      + e.getMessage()
                      + "); the settings it may fill are marked '(from Infisical)'");
        }
      }
      Map<String, Settings.Value> values = s.masked();
      Map<String, Row> rows = new LinkedHashMap<>();
      for (SettingDef def : SettingsCatalogue.all()) {
        Settings.Value v = values.get(def.path());
        if (v != null && v.source() == Source.SECRET_STORE) {
          rows.put(def.path(), new Row(v.raw(), "Infisical"));
        } else if (identity && !fetched && (v == null || v.source().equals(Source.DEFAULT))) {
          String name = secretName(mapping, def.path());
          rows.put(
              def.path(),
              name == null
                  ? new Row(v == null ? null : v.raw(), v == null ? "unset" : v.source().label())
                  : new Row(
                      v == null ? null : v.raw(),
                      "(from Infisical: " + name + (v == null ? "" : ", else default") + ")"));
        } else {
          rows.put(
              def.path(),
              new Row(v == null ? null : v.raw(), v == null ? "unset" : v.source().label()));
        }
      }
      if (output.json()) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        for (SettingDef def : SettingsCatalogue.all()) {
          Row r = rows.get(def.path());
          ObjectNode n = root.putObject(def.path());
          n.put("value", r.value());
          n.put("source", r.source());
          n.put("env", def.env());
          n.put("secret", def.secret());
        }
        env.out().println(json.writeValueAsString(root));
        return 0;
      }
      Table t = new Table("SETTING", "VALUE", "SOURCE", "ENV");
      for (SettingDef def : SettingsCatalogue.all()) {
        Row r = rows.get(def.path());
        t.row(def.path(), r.value() == null ? "-" : r.value(), r.source(), def.env());
      }
      env.out().print(t.render());
      return 0;
    }

    /** The first secret name that fills {@code path}, as the backfill would look for it. */
    private static String secretName(SecretMapping mapping, String path) {
      return mapping.byName().entrySet().stream()
          .filter(e -> e.getValue().equals(path))
          .map(Map.Entry::getKey)
          .findFirst()
          .orElse(null);
    }
  }
}
