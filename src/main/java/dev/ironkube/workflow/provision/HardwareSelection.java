package dev.ironkube.workflow.provision;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.provider.PlanOffer;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses the plan and site to order: checks a requested pair against live stock, or lets the
 * person choose from in-stock offers sorted by price, or says exactly what is missing.
 */
public final class HardwareSelection {
  private HardwareSelection() {}

  /**
   * The offers ironkube would order (no {@link PlanOffer#exclusion()}: in stock, and nothing the
   * provider notes against booting Talos), cheapest first, then by plan and site.
   */
  public static List<PlanOffer> orderable(List<PlanOffer> offers) {
    return offers.stream()
        .filter(o -> o.exclusion().isEmpty())
        .sorted(
            Comparator.comparing(PlanOffer::hourlyPrice)
                .thenComparing(PlanOffer::plan)
                .thenComparing(PlanOffer::site))
        .toList();
  }

  /**
   * The offer for a requested plan and site, checked: the plan exists, is offered at the site, is
   * in stock there and can boot Talos.
   */
  public static PlanOffer check(List<PlanOffer> offers, String plan, String site, String provider) {
    List<PlanOffer> ofPlan = offers.stream().filter(o -> matchesPlan(o, plan)).toList();
    if (ofPlan.isEmpty()) {
      throw new UserInputException(
          "plan '" + plan + "' is not offered by " + provider,
          "run 'ironkube plans' to list the plans in stock with their prices");
    }
    Optional<PlanOffer> here =
        ofPlan.stream().filter(o -> o.site().equalsIgnoreCase(site)).findFirst();
    String elsewhere =
        ofPlan.stream()
            .filter(PlanOffer::inStock)
            .map(PlanOffer::site)
            .distinct()
            .sorted()
            .collect(Collectors.joining(", "));
    if (here.isEmpty()) {
      throw new UserInputException(
          "plan " + plan + " is not offered at '" + site + "'",
          elsewhere.isEmpty()
              ? "it has no stock anywhere now; run 'ironkube plans' for alternatives"
              : "it is in stock at " + elsewhere + "; pass --region with one of them");
    }
    PlanOffer offer = here.get();
    if (offer.note() != null && !offer.note().isEmpty()) {
      throw new UserInputException(
          "plan " + plan + " cannot be used here: " + offer.note(),
          "run 'ironkube plans' and choose a plan without a note");
    }
    if (!offer.inStock()) {
      throw new UserInputException(
          "plan " + plan + " is out of stock at " + offer.site(),
          elsewhere.isEmpty()
              ? "it has no stock anywhere now; run 'ironkube plans' for alternatives"
              : "it is in stock at " + elsewhere + "; pass --region with one of them",
          ExitCodes.OUT_OF_STOCK);
    }
    return offer;
  }

  private static boolean matchesPlan(PlanOffer o, String plan) {
    return o.plan().equalsIgnoreCase(plan) || o.name().equalsIgnoreCase(plan);
  }

  /** "$0.21/h" or "0.21 EUR/h". */
  public static String price(PlanOffer o) {
    String amount = o.hourlyPrice().setScale(2, RoundingMode.HALF_UP).toPlainString();
    return "USD".equals(o.currency())
        ? "$" + amount + "/h"
        : amount + " " + o.currency().toUpperCase(Locale.ROOT) + "/h";
  }

  /** One line per offer for an interactive choice. */
  public static String describe(PlanOffer o) {
    return String.format(
        Locale.ROOT,
        "%-16s %-4s %3dGB  %-22s %-6s %s",
        o.name(),
        o.cores() + "c",
        o.memoryGb(),
        o.storage(),
        o.site(),
        price(o));
  }
}
