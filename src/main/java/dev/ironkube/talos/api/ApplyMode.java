package dev.ironkube.talos.api;

/**
 * How a node is asked to take a machine config (ApplyConfigurationRequest.Mode, without the proto
 * type, so callers outside the Talos client need not import it). What each does depends on the
 * node's Talos release; see the simulator's ConfiguredApply for the rules per release.
 */
public enum ApplyMode {
  /** Persist and reboot into it. Talos 1.14 refuses it on a configured node. */
  REBOOT,
  /** The node picks: without a reboot when it can (always, from 1.14), else with one. */
  AUTO,
  /** Take it live; up to 1.13 refused ({@code RebootRequired}) when it needs a reboot. */
  NO_REBOOT,
  /** Persist it for the next boot; the node goes on with the config it runs. */
  STAGED,
  /** Take it live and revert after a timeout (1 minute) unless an apply in another mode follows. */
  TRY
}
