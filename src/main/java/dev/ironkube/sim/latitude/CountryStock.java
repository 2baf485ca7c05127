package dev.ironkube.sim.latitude;

import java.util.List;

/**
 * A plan's availability in one country, the unit Latitude reports stock in: the sites that carry
 * the plan, the subset that has one to deploy now, and a single level for the whole country.
 */
record CountryStock(
    String country, List<String> available, List<String> inStock, String stockLevel) {

  static CountryStock of(String country, String available, String inStock, String level) {
    return new CountryStock(country, split(available), split(inStock), level);
  }

  static CountryStock none(String country, String available) {
    return of(country, available, "", "unavailable");
  }

  /** Price factor against the United States list price, as the recorded catalogue shows. */
  double priceFactor() {
    return switch (country) {
      case "Chile", "Japan", "Brazil" -> 1.05;
      case "Mexico", "Colombia" -> 1.43;
      case "Australia", "Argentina" -> 1.38;
      case "Singapore" -> 1.2;
      default -> 1.0;
    };
  }

  private static List<String> split(String sites) {
    return sites.isBlank() ? List.of() : List.of(sites.split(","));
  }
}
