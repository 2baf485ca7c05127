package dev.ironkube.provider.latitude;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Attributes of a plan from {@code GET /plans}. Stock and prices are per country, in {@code
 * regions}: a site can be ordered only when it is in that country's {@code locations.in_stock}.
 */
public record LatPlan(
    String slug, String name, List<String> features, Specs specs, List<CountryOffer> regions) {

  public List<CountryOffer> countries() {
    return regions == null ? List.of() : regions;
  }

  public record Specs(Cpu cpu, Memory memory, List<Drive> drives) {}

  public record Cpu(String type, Double clock, Integer cores, Integer count) {}

  public record Memory(Integer total) {}

  /** {@code size} is a display string such as "500 GB" or "3.8TB". */
  public record Drive(Integer count, String size, String type) {}

  /**
   * @param stockLevel per country, not per site: unavailable, low, medium, high, unique, or newer
   * @param pricing by currency code ("USD")
   */
  public record CountryOffer(
      String name, Locations locations, String stockLevel, Map<String, Price> pricing) {}

  public record Locations(List<String> available, List<String> inStock) {}

  public record Price(BigDecimal hour, BigDecimal month, BigDecimal year) {}
}
