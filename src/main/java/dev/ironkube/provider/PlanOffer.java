package dev.ironkube.provider;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One plan at one site, with what it costs per hour there and whether it can be ordered now.
 *
 * @param plan the slug sent when ordering
 * @param name the provider's display name
 * @param cpu a short description such as "4c E-2134G 3.5GHz"
 * @param cores physical cores in total
 * @param memoryGb RAM in GB
 * @param storage a short description such as "1 x 500 GB SSD"
 * @param site the site/zone slug
 * @param hourlyPrice price per hour in {@code currency}
 * @param inStock whether the plan can be ordered at this site now
 * @param note why the offer is limited for ironkube's path (empty when it is not)
 */
public record PlanOffer(
    String plan,
    String name,
    String cpu,
    int cores,
    int memoryGb,
    String storage,
    String site,
    BigDecimal hourlyPrice,
    String currency,
    boolean inStock,
    String note) {

  /**
   * Why ironkube would not order this offer now, empty when it would: the provider's note (the plan
   * cannot boot Talos our way, or has no hourly price) and the stock at the site, both when both
   * apply. {@code HardwareSelection.orderable} keeps the offers without one.
   */
  public String exclusion() {
    List<String> reasons = new ArrayList<>();
    if (note != null && !note.isEmpty()) {
      reasons.add(note);
    }
    if (!inStock) {
      reasons.add("out of stock at " + site);
    }
    return String.join("; ", reasons);
  }
}
