package dev.ironkube.lifecycle;

/**
 * One check of {@code ironkube health}, named as talosctl's health names it (siderolabs/talos
 * v1.11.6 {@code pkg/cluster/check/default.go}), with what it found.
 *
 * @param detail why it failed or was skipped, or what it saw when it passed
 */
public record HealthCheck(String name, Result result, String detail) {
  /** A check's verdict; SKIPPED when upstream skips it too (nothing of that kind deployed). */
  public enum Result {
    OK,
    FAILED,
    SKIPPED
  }

  static HealthCheck ok(String name, String detail) {
    return new HealthCheck(name, Result.OK, detail);
  }

  static HealthCheck failed(String name, String detail) {
    return new HealthCheck(name, Result.FAILED, detail);
  }

  static HealthCheck skipped(String name, String detail) {
    return new HealthCheck(name, Result.SKIPPED, detail);
  }

  public boolean failed() {
    return result == Result.FAILED;
  }
}
