package dev.ironkube.harness.bench;

import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.latitude.LatitudeApi;
import java.time.Duration;
import java.util.List;

/**
 * The benchmark's fixed duration model: every step the simulated datacenter times, set explicitly
 * (never the fakes' defaults, which may change) to real-world values shaped after
 * shared/reference/peers.md section 4, then multiplied by the scale. At the default scale of 0.1
 * the ten-minute critical path takes about a minute.
 *
 * <p>Provider side (Latitude, order with iPXE): 30 s until the deploy starts, 5 min deploy, 2 min
 * Talos boot from the Image Factory to maintenance mode; the provider keeps saying "deploying" for
 * another 3 min after Talos runs. Talos side: 90 s reboot after the config is applied, 15 s until
 * the base services run (Bootstrap is refused before), 20 s for etcd, 30 s until kubelet is
 * healthy. The seed design ordered Ubuntu first and reinstalled: 5 min deploy + 10 min disk erase +
 * 2 min Talos boot to maintenance (the 5dlabs validation in peers.md §4.1).
 */
public record BenchModel(double scale) {
  /** One modelled step: the simulator's name, its real-world duration, and whether it gates. */
  public record Step(String name, Duration real, boolean criticalPath) {}

  public static final String TALOS_REBOOT = "talos.reboot";
  public static final String SERVICES_START = "talos.services.start";
  public static final String ETCD_START = "talos.etcd.start";
  public static final String KUBELET_READY = "talos.kubelet.ready";
  public static final String ETCD_JOIN = "talos.etcd.join";

  static final Duration SEED_DISK_ERASE = Duration.ofMinutes(10);

  /** Every step, in pipeline order; off-path steps are set too, so no default leaks in. */
  public static final List<Step> STEPS =
      List.of(
          new Step(LatitudeApi.STEP_STARTING_DEPLOY, Duration.ofSeconds(30), true),
          new Step(LatitudeApi.STEP_DEPLOY, Duration.ofMinutes(5), true),
          new Step(LatitudeApi.STEP_TALOS_BOOT, Duration.ofMinutes(2), true),
          new Step(LatitudeApi.STEP_IPXE_STATUS_LAG, Duration.ofMinutes(3), false),
          new Step(TALOS_REBOOT, Duration.ofSeconds(90), true),
          new Step(SERVICES_START, Duration.ofSeconds(15), true),
          new Step(ETCD_START, Duration.ofSeconds(20), true),
          new Step(KUBELET_READY, Duration.ofSeconds(30), true),
          new Step("talos.reset", Duration.ofSeconds(60), false),
          // A control plane joining etcd: on the critical path only with several control planes
          // (see floor(int)); the node monitor's grace only matters once a node is gone.
          new Step(ETCD_JOIN, Duration.ofSeconds(30), false),
          new Step("kube.node.monitor-grace", Duration.ofSeconds(50), false),
          // Latitude's limits are per minute of real time; the window shrinks with the model so
          // the simulator enforces them per modelled minute.
          new Step(LatitudeApi.STEP_RATE_WINDOW, Duration.ofMinutes(1), false));

  public BenchModel {
    if (!(scale > 0 && scale <= 1)) {
      throw new IllegalArgumentException("scale must be in (0, 1], was " + scale);
    }
  }

  /** A time model with every step overridden to its scaled duration. */
  public TimeModel timeModel() {
    TimeModel model = new TimeModel(scale);
    for (Step s : STEPS) {
      model.override(s.name(), scaled(s.real()));
    }
    return model;
  }

  public Duration scaled(Duration real) {
    return Duration.ofNanos((long) (real.toNanos() * scale));
  }

  /** The modelled durations the pipeline must wait for, end to end, before scaling. */
  public static Duration realFloor() {
    return STEPS.stream()
        .filter(Step::criticalPath)
        .map(Step::real)
        .reduce(Duration.ZERO, Duration::plus);
  }

  /** The scaled floor: no tool can finish a run faster than this. */
  public Duration floor() {
    return scaled(realFloor());
  }

  /**
   * The scaled floor of a cluster with {@code controlPlanes}: every node is ordered and boots in
   * parallel, so more nodes cost nothing more on the critical path, except that a control plane
   * joins etcd only once the first one's etcd runs. Its kubelet meanwhile turns healthy against the
   * first one's API, so the join lengthens the path only by what it takes beyond that.
   */
  public Duration floor(int controlPlanes) {
    Duration real = realFloor();
    if (controlPlanes > 1) {
      Duration beyond = real(ETCD_JOIN).minus(real(KUBELET_READY));
      if (beyond.isPositive()) {
        real = real.plus(beyond);
      }
    }
    return scaled(real);
  }

  static Duration real(String step) {
    return STEPS.stream().filter(s -> s.name().equals(step)).findFirst().orElseThrow().real();
  }

  /** Order to Talos maintenance mode, creating the server in iPXE mode (ironkube's path). */
  public static Duration directToMaintenance() {
    return real(LatitudeApi.STEP_STARTING_DEPLOY)
        .plus(real(LatitudeApi.STEP_DEPLOY))
        .plus(real(LatitudeApi.STEP_TALOS_BOOT));
  }

  /** Order Ubuntu, then reinstall to iPXE: the deploy, a disk erase and the Talos boot (seed). */
  public static Duration seedToMaintenance() {
    return directToMaintenance().plus(SEED_DISK_ERASE);
  }

  /** From maintenance mode to a healthy cluster; the same on both paths. */
  public static Duration maintenanceToCluster() {
    return realFloor().minus(directToMaintenance());
  }
}
