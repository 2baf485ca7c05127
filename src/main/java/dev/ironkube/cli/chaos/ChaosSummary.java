package dev.ironkube.cli.chaos;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a chaos campaign found: runs, outcomes by kind, scenarios by kind, and every invariant
 * violation (which must be none).
 */
public record ChaosSummary(
    long seed,
    int runs,
    Map<String, Integer> outcomes,
    Map<String, Integer> scenarios,
    int violations,
    List<RunResult> failedRuns,
    long millis) {

  static ChaosSummary of(long seed, List<RunResult> results, long millis) {
    Map<String, Integer> outcomes = new TreeMap<>();
    Map<String, Integer> scenarios = new TreeMap<>();
    int violations = 0;
    for (RunResult r : results) {
      outcomes.merge(r.outcome(), 1, Integer::sum);
      scenarios.merge(r.scenario(), 1, Integer::sum);
      violations += r.violations().size();
    }
    List<RunResult> failed = results.stream().filter(r -> !r.violations().isEmpty()).toList();
    return new ChaosSummary(seed, results.size(), outcomes, scenarios, violations, failed, millis);
  }
}
