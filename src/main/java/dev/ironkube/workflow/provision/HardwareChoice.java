package dev.ironkube.workflow.provision;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.provider.PlanOffer;
import dev.ironkube.settings.NodePools;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.workflow.Progress;
import java.util.List;
import java.util.Optional;

/**
 * Which plan at which site each pool is ordered on: the journal's choice when servers were ordered
 * already, else the pool's own, else the cluster's, else the first pool's; checked against what is
 * in stock, or chosen from it (interactively, or the cheapest in a simulation).
 */
final class HardwareChoice {
  private final ProvisionContext ctx;
  private final boolean cheapestWhenUnchosen;
  private List<PlanOffer> listed;

  HardwareChoice(ProvisionContext ctx, boolean cheapestWhenUnchosen) {
    this.ctx = ctx;
    this.cheapestWhenUnchosen = cheapestWhenUnchosen;
  }

  private List<PlanOffer> listed() {
    if (listed == null) {
      listed = ctx.provider().offers();
    }
    return listed;
  }

  private static String planKey(NodePools.Pool pool, boolean firstPool) {
    return firstPool ? "plan" : "plan " + pool.name();
  }

  private static String siteKey(NodePools.Pool pool, boolean firstPool) {
    return firstPool ? "site" : "site " + pool.name();
  }

  /**
   * The offer for {@code pool}; {@code firsts} is the first pool's (null for the first itself), and
   * a line saying what was chosen goes to {@code done}.
   */
  PlanOffer offerFor(
      NodePools.Pool pool,
      boolean firstPool,
      boolean ordered,
      PlanOffer firsts,
      Progress.Step step,
      List<String> done,
      boolean onlyPool) {
    Optional<String> journaledPlan = ctx.journal().value(planKey(pool, firstPool));
    Optional<String> journaledSite = ctx.journal().value(siteKey(pool, firstPool));
    String plan =
        journaledPlan
            .or(pool::plan)
            .or(() -> ctx.settings().get(SettingsCatalogue.PLAN))
            .orElse(null);
    String site =
        journaledSite
            .or(pool::region)
            .or(() -> ctx.settings().get(SettingsCatalogue.REGION))
            .orElse(null);
    if (plan == null && site == null && firsts != null) {
      // A pool without a plan of its own (workers added by a scale, say) takes the first's.
      plan = firsts.plan();
      site = firsts.site();
    }
    String label = onlyPool ? "" : pool.name() + ": ";
    if (ordered && plan != null && site != null) {
      String p = plan;
      String s = site;
      PlanOffer offer =
          listed().stream()
              .filter(o -> o.plan().equalsIgnoreCase(p) && o.site().equalsIgnoreCase(s))
              .findFirst()
              .orElseThrow(
                  () ->
                      new OperationFailedException(
                          "the journal's plan " + p + " at " + s + " is no longer listed", ""));
      done.add(pool.name() + ": resuming with " + offer.plan() + " at " + offer.site());
      return offer;
    }
    if (plan != null && site != null) {
      PlanOffer offer = HardwareSelection.check(listed(), plan, site, ctx.provider().name());
      done.add(
          label + offer.name() + " at " + offer.site() + ", " + HardwareSelection.price(offer));
      return offer;
    }
    PlanOffer offer = choose(listed(), plan, site, step);
    done.add(label + offer.name() + " at " + offer.site());
    return offer;
  }

  /** Journals the choice, so a resumed run orders the same hardware. */
  void remember(NodePools.Pool pool, boolean firstPool, PlanOffer offer) {
    ctx.journal().value(planKey(pool, firstPool), offer.plan());
    ctx.journal().value(siteKey(pool, firstPool), offer.site());
    if (firstPool) {
      ctx.journal().value("price", HardwareSelection.price(offer));
    }
  }

  private PlanOffer choose(List<PlanOffer> offers, String plan, String site, Progress.Step step) {
    List<PlanOffer> candidates =
        HardwareSelection.orderable(offers).stream()
            .filter(
                o ->
                    plan == null
                        || o.plan().equalsIgnoreCase(plan)
                        || o.name().equalsIgnoreCase(plan))
            .filter(o -> site == null || o.site().equalsIgnoreCase(site))
            .toList();
    String missing =
        plan == null && site == null ? "--plan and --region" : plan == null ? "--plan" : "--region";
    if (cheapestWhenUnchosen && !ctx.prompter().available() && !candidates.isEmpty()) {
      PlanOffer cheapest = candidates.get(0);
      ctx.progress()
          .info(
              "simulation: took the cheapest in stock, "
                  + cheapest.name()
                  + " at "
                  + cheapest.site()
                  + " (pass "
                  + missing
                  + " to choose)");
      return cheapest;
    }
    if (!ctx.prompter().available()) {
      throw new UserInputException(
          "no "
              + (plan == null ? "plan" : "region")
              + " chosen and nobody to ask (non-interactive run)",
          "pass " + missing + "; 'ironkube plans' lists what is in stock with prices");
    }
    if (candidates.isEmpty()) {
      throw new UserInputException(
          "nothing is in stock"
              + (plan == null ? "" : " for plan " + plan)
              + (site == null ? "" : " at " + site),
          "run 'ironkube plans' to see what is in stock",
          ExitCodes.OUT_OF_STOCK);
    }
    step.update(candidates.size() + " offers in stock", -1);
    List<String> lines = candidates.stream().map(HardwareSelection::describe).toList();
    int chosen = ctx.prompter().choose("Select a plan", lines, 0);
    return candidates.get(chosen);
  }
}
