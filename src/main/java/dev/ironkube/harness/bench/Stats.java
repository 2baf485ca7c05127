package dev.ironkube.harness.bench;

import java.util.List;

/** The two order statistics the report uses. */
final class Stats {
  private Stats() {}

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static double max(List<Double> values) {
    return values.stream().mapToDouble(d -> d).max().orElse(0);
  }
}
