package dev.ironkube.platform;

import java.time.Duration;

/**
 * How long each component may take to become ready, and how often to look. Argo CD Applications get
 * longer: Argo CD first pulls the chart, then the pods pull their images.
 */
public record InstallTimeouts(Duration workload, Duration application, Duration poll) {
  public static InstallTimeouts defaults() {
    return new InstallTimeouts(
        Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofSeconds(5));
  }

  Duration forComponent(Component c) {
    boolean app = c.readiness().stream().anyMatch(t -> t.kind().equals("Application"));
    return app ? application : workload;
  }
}
