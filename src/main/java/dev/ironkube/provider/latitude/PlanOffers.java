package dev.ironkube.provider.latitude;

import dev.ironkube.provider.PlanOffer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Flattens Latitude's per-country plan data into one offer per plan and site. */
final class PlanOffers {
  static final String CURRENCY = "USD";
  static final String NO_IPXE = "cannot boot a custom iPXE image on this plan";

  private PlanOffers() {}

  /**
   * @param ipxePlans plan names that can boot iPXE, or empty when Latitude did not say
   */
  static List<PlanOffer> of(LatResource<LatPlan> plan, Optional<Set<String>> ipxePlans) {
    LatPlan p = plan.attributes();
    if (p == null || p.slug() == null) {
      return List.of();
    }
    String note = ipxePlans.map(names -> names.contains(p.name()) ? "" : NO_IPXE).orElse("");
    List<PlanOffer> offers = new ArrayList<>();
    for (LatPlan.CountryOffer country : p.countries()) {
      BigDecimal hourly = hourly(country);
      if (hourly == null || country.locations() == null) {
        continue; // without a price there is no cost estimate to show, so no offer
      }
      Set<String> inStock = new LinkedHashSet<>(orEmpty(country.locations().inStock()));
      Set<String> sites = new LinkedHashSet<>(orEmpty(country.locations().available()));
      sites.addAll(inStock);
      for (String site : sites) {
        offers.add(
            new PlanOffer(
                p.slug(),
                p.name(),
                cpu(p),
                cores(p),
                memory(p),
                storage(p),
                site,
                hourly,
                CURRENCY,
                inStock.contains(site),
                note));
      }
    }
    return offers;
  }

  private static BigDecimal hourly(LatPlan.CountryOffer country) {
    if (country.pricing() == null || country.pricing().get(CURRENCY) == null) {
      return null;
    }
    return country.pricing().get(CURRENCY).hour();
  }

  private static String cpu(LatPlan p) {
    LatPlan.Cpu cpu = p.specs() == null ? null : p.specs().cpu();
    if (cpu == null) {
      return "";
    }
    String clock =
        cpu.clock() == null
            ? ""
            : " " + BigDecimal.valueOf(cpu.clock()).stripTrailingZeros().toPlainString() + "GHz";
    String count = cpu.count() != null && cpu.count() > 1 ? cpu.count() + " x " : "";
    return count + (cpu.cores() == null ? "" : cpu.cores() + "c ") + nonNull(cpu.type()) + clock;
  }

  private static int cores(LatPlan p) {
    LatPlan.Cpu cpu = p.specs() == null ? null : p.specs().cpu();
    if (cpu == null || cpu.cores() == null) {
      return 0;
    }
    return cpu.cores() * (cpu.count() == null ? 1 : cpu.count());
  }

  private static int memory(LatPlan p) {
    return p.specs() == null || p.specs().memory() == null || p.specs().memory().total() == null
        ? 0
        : p.specs().memory().total();
  }

  private static String storage(LatPlan p) {
    if (p.specs() == null || p.specs().drives() == null) {
      return "";
    }
    return p.specs().drives().stream()
        .map(
            d ->
                "%d x %s %s"
                    .formatted(
                        d.count() == null ? 1 : d.count(), nonNull(d.size()), nonNull(d.type()))
                    .strip())
        .collect(Collectors.joining(" + "));
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
