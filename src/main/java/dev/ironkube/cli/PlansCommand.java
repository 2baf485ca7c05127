package dev.ironkube.cli;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ironkube.cli.ui.Table;
import dev.ironkube.provider.PlanOffer;
import dev.ironkube.time.Sleeper;
import dev.ironkube.workflow.provision.HardwareSelection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `ironkube plans`: what can be ordered now, cheapest first. */
@Command(
    name = "plans",
    description = {
      "List the plans in stock with CPU, RAM, storage and hourly price per site, cheapest first.",
      "",
      "Examples:",
      "  ironkube plans",
      "  ironkube plans --region DAL -o json",
      "  ironkube plans --all        # also what is excluded, and why"
    })
final class PlansCommand implements Callable<Integer> {
  private final CliEnvironment env;
  @Mixin CommonOptions common;

  @Option(names = "--region", paramLabel = "SITE", description = "Only this site.")
  String region;

  @Option(
      names = "--all",
      description =
          "Include the offers ironkube would not order (out of stock, or the plan cannot boot"
              + " Talos), each with the reason.")
  boolean all;

  @Mixin OutputOption output = new OutputOption();

  /**
   * An offer as -o json shows it: its fields, and why ironkube would not order it (null: it would).
   */
  record Listed(@JsonUnwrapped PlanOffer offer, String excluded) {
    static Listed of(PlanOffer o) {
      return new Listed(o, o.exclusion().isEmpty() ? null : o.exclusion());
    }
  }

  PlansCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    var settings = SettingsResolution.resolve(env, common, Map.of());
    try (Connections c =
        Connections.open(env, settings, common.simulate, Sleeper.SYSTEM, common.requestLog(env))) {
      var provider = c.provider(new ConsolePrompter(env, true), () -> "");
      List<PlanOffer> offers =
          (all
                  ? provider.offers().stream()
                      .sorted(Comparator.comparing(PlanOffer::hourlyPrice))
                      .toList()
                  : HardwareSelection.orderable(provider.offers()))
              .stream().filter(o -> region == null || o.site().equalsIgnoreCase(region)).toList();
      if (output.json()) {
        Json.print(env.out(), offers.stream().map(Listed::of).toList());
        c.offerToStoreTypedKey().run();
        return 0;
      }
      Table t =
          all
              ? new Table("PLAN", "CPU", "RAM", "STORAGE", "SITE", "PRICE", "STOCK", "EXCLUDED")
              : new Table("PLAN", "CPU", "RAM", "STORAGE", "SITE", "PRICE", "STOCK");
      for (PlanOffer o : offers) {
        List<String> cells =
            new ArrayList<>(
                List.of(
                    o.plan(),
                    o.cpu(),
                    o.memoryGb() + "GB",
                    o.storage(),
                    o.site(),
                    HardwareSelection.price(o),
                    o.inStock() ? "yes" : "no"));
        if (all) {
          cells.add(o.exclusion().isEmpty() ? "-" : o.exclusion());
        }
        t.row(cells.toArray(String[]::new));
      }
      env.out().print(t.render());
      if (offers.isEmpty()) {
        env.err().println("ironkube: nothing in stock" + (region == null ? "" : " at " + region));
      }
      // The provider answered with the key: only now may a typed one be kept.
      c.offerToStoreTypedKey().run();
      return 0;
    }
  }
}
