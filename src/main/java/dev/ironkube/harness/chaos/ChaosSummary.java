package dev.ironkube.harness.chaos;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a chaos campaign found: runs, outcomes, outcomes by scenario kind, runs by world, outcomes
 * by topology (and how many successful multi-node runs were then scaled down), the phases Ctrl-C
 * was aimed at (with how those runs ended), and every invariant violation (which must be none).
 */
public record ChaosSummary(
    long seed,
    int runs,
    Map<String, Integer> outcomes,
    Map<String, Integer> scenarios,
    Map<String, Map<String, Integer>> outcomesByScenario,
    Map<String, Integer> profiles,
    Map<String, Map<String, Integer>> outcomesByTopology,
    int scaleDowns,
    Map<String, Map<String, Integer>> ctrlCByPhase,
    int violations,
    List<RunResult> failedRuns,
    long millis) {

  static ChaosSummary of(long seed, List<RunResult> results, long millis) {
    Map<String, Integer> outcomes = new TreeMap<>();
    Map<String, Integer> scenarios = new TreeMap<>();
    Map<String, Map<String, Integer>> byScenario = new TreeMap<>();
    Map<String, Integer> profiles = new TreeMap<>();
    Map<String, Map<String, Integer>> byPhase = new TreeMap<>();
    Map<String, Map<String, Integer>> byTopology = new TreeMap<>();
    int scaleDowns = 0;
    int violations = 0;
    for (RunResult r : results) {
      outcomes.merge(r.outcome(), 1, Integer::sum);
      scenarios.merge(r.scenario(), 1, Integer::sum);
      byScenario
          .computeIfAbsent(r.scenario(), k -> new TreeMap<>())
          .merge(r.outcome(), 1, Integer::sum);
      profiles.merge(r.profile(), 1, Integer::sum);
      byTopology
          .computeIfAbsent(r.topology(), k -> new TreeMap<>())
          .merge(r.outcome(), 1, Integer::sum);
      if (r.scaledDown()) {
        scaleDowns++;
      }
      if (r.interruptAt() != null) {
        byPhase
            .computeIfAbsent(r.interruptAt(), k -> new TreeMap<>())
            .merge(r.outcome(), 1, Integer::sum);
      }
      violations += r.violations().size();
    }
    List<RunResult> failed = results.stream().filter(r -> !r.violations().isEmpty()).toList();
    return new ChaosSummary(
        seed,
        results.size(),
        outcomes,
        scenarios,
        byScenario,
        profiles,
        byTopology,
        scaleDowns,
        byPhase,
        violations,
        failed,
        millis);
  }
}
