package dev.ironkube.sim.talos;

import io.grpc.Status;

/**
 * The refusals of the Bootstrap call, checked in upstream's order (siderolabs/talos {@code
 * internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go}, Bootstrap, every supported
 * tag): CRI up ("bootstrap is not available yet"), control plane (per release, {@link
 * TalosMinor#workerBootstrapRefusal}), time in sync ({@link #TIME_NOT_SYNCED}), etcd data directory
 * empty (AlreadyExists); then, for a simulated cluster, whether another node was bootstrapped.
 */
final class BootstrapChecks {
  /**
   * Answered while the node's clock is not in sync yet: the caller waits as upstream does (up to
   * {@link TalosNodeFake#timeSyncWait}) and asks again.
   */
  static final Status TIME_NOT_SYNCED =
      Status.FAILED_PRECONDITION.withDescription("time is not in sync yet");

  private BootstrapChecks() {}

  /** What the node knows when Bootstrap arrives. */
  record Facts(
      boolean configured,
      boolean faultInjected,
      boolean criUp,
      boolean controlPlane,
      boolean timeSynced,
      boolean etcdHasData) {

    /** The facts now; {@code boot} is null unless the node is configured and up. */
    static Facts of(NodeBoot boot, boolean faulted, AppliedConfig config, boolean etcdHasData) {
      long now = System.nanoTime();
      boolean up = boot != null;
      return new Facts(
          up,
          up && faulted,
          up && boot.readyForBootstrap(now),
          up && config.controlPlane(),
          up && boot.timeSynced(now),
          etcdHasData);
    }
  }

  /**
   * Null when bootstrap may proceed on the node itself, else the status it answers with. {@code
   * minor} decides a worker's refusal.
   */
  static Status refusal(Facts f, TalosMinor minor) {
    if (!f.configured()) {
      return Status.UNAVAILABLE.withDescription("node is rebooting");
    }
    if (f.faultInjected() || !f.criUp()) {
      return Status.FAILED_PRECONDITION.withDescription("bootstrap is not available yet");
    }
    if (!f.controlPlane()) {
      return minor.workerBootstrapRefusal();
    }
    if (!f.timeSynced()) {
      return TIME_NOT_SYNCED;
    }
    if (f.etcdHasData()) {
      return Status.ALREADY_EXISTS.withDescription("etcd data directory is not empty");
    }
    return null;
  }
}
