package dev.ironkube.provider.scaleway;

import dev.ironkube.provider.PlanOffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/** Turns Scaleway offers into ironkube's plan offers; the plan slug is the offer name. */
final class ScalewayOffers {
  static final String NO_CLOUD_INIT =
      "no cloud-init on this offer: the Talos pivot cannot run, ironkube refuses it";
  static final String NO_PRICE = "no hourly price";
  private static final long GB = 1_000_000_000L;

  private ScalewayOffers() {}

  static PlanOffer of(ScwOffer offer, String zone) {
    ScwMoney price = offer.pricePerHour();
    String note = !offer.supportsCloudInit() ? NO_CLOUD_INIT : price == null ? NO_PRICE : "";
    return new PlanOffer(
        offer.name(),
        offer.name(),
        cpu(offer.cpus()),
        cores(offer.cpus()),
        (int) (sum(offer.memories(), ScwOffer.Memory::capacity) / GB),
        storage(offer.disks()),
        offer.zone() == null ? zone : offer.zone(),
        price == null ? null : price.amount(),
        price == null ? "EUR" : price.currencyCode(),
        offer.orderable() && price != null,
        note);
  }

  private static String cpu(List<ScwOffer.Cpu> cpus) {
    if (cpus == null || cpus.isEmpty()) {
      return "";
    }
    ScwOffer.Cpu first = cpus.getFirst();
    String count = cpus.size() > 1 ? cpus.size() + " x " : "";
    return "%s%dc %s %.1fGHz"
        .formatted(count, first.coreCount(), first.name(), first.frequency() / 1000.0);
  }

  private static int cores(List<ScwOffer.Cpu> cpus) {
    return cpus == null ? 0 : cpus.stream().mapToInt(ScwOffer.Cpu::coreCount).sum();
  }

  /** "2 x 1024 GB NVMe": disks grouped by size and type, as the console shows them. */
  private static String storage(List<ScwOffer.Disk> disks) {
    if (disks == null || disks.isEmpty()) {
      return "";
    }
    Map<String, Long> groups =
        disks.stream()
            .collect(
                Collectors.groupingBy(
                    d -> d.capacity() / GB + " GB " + d.type(),
                    TreeMap::new,
                    Collectors.counting()));
    return groups.entrySet().stream()
        .map(e -> e.getValue() + " x " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  private static <T> long sum(List<T> items, ToLongFunction<T> value) {
    return items == null ? 0 : items.stream().mapToLong(value).sum();
  }
}
