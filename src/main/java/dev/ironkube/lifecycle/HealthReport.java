package dev.ironkube.lifecycle;

import java.util.List;
import java.util.Optional;

/** Every check's verdict for one cluster; healthy when none failed. */
public record HealthReport(String cluster, boolean healthy, List<HealthCheck> checks) {
  public HealthReport {
    checks = List.copyOf(checks);
  }

  static HealthReport of(String cluster, List<HealthCheck> checks) {
    return new HealthReport(cluster, checks.stream().noneMatch(HealthCheck::failed), checks);
  }

  /** The first failed check, for a one-line summary. */
  public Optional<HealthCheck> firstFailure() {
    return checks.stream().filter(HealthCheck::failed).findFirst();
  }
}
