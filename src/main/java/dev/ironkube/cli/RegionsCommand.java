package dev.ironkube.cli;

import dev.ironkube.cli.ui.Table;
import dev.ironkube.provider.Region;
import dev.ironkube.time.Sleeper;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `ironkube regions`: every site of the provider. */
@Command(
    name = "regions",
    description = {
      "List every site of the provider (all pages), with its country.",
      "",
      "Example:",
      "  ironkube regions -o json | jq -r '.[].slug'"
    })
final class RegionsCommand implements Callable<Integer> {
  private final CliEnvironment env;
  @Mixin CommonOptions common;

  @Mixin OutputOption output = new OutputOption();

  RegionsCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    var settings = SettingsResolution.resolve(env, common, Map.of());
    try (Connections c =
        Connections.open(env, settings, common.simulate, Sleeper.SYSTEM, common.requestLog(env))) {
      ConsolePrompter prompter = new ConsolePrompter(env, true);
      List<Region> regions =
          c.provider(prompter, () -> "").regions().stream()
              .sorted(Comparator.comparing(Region::slug))
              .toList();
      if (output.json()) {
        Json.print(env.out(), regions);
      } else {
        Table t = new Table("SITE", "NAME", "COUNTRY");
        regions.forEach(r -> t.row(r.slug(), r.name(), r.country()));
        env.out().print(t.render());
      }
      // The provider answered with the key: only now may a typed one be kept.
      c.offerToStoreTypedKey().run();
      return 0;
    }
  }
}
