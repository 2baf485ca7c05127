package dev.ironkube.sim.talos;

import java.time.Duration;
import java.util.Optional;

/**
 * The two configs a configured node keeps apart: the running one (the MachineConfig resource {@code
 * config/v1alpha1}, what the node acts on) and the persisted one ({@code config/persistent}, on the
 * STATE partition, what the next boot runs). STAGED changes only the persisted one, TRY only the
 * running one, NO_REBOOT both (siderolabs/talos v1.13.9 v1alpha1_server.go, ApplyConfiguration:
 * SetPersistedConfig and SetConfig; pkg/machinery/resources/config/machine_config.go, ActiveID and
 * PersistentID). A TRY arms a revert to the config running before it (runtime
 * RollbackToConfigAfter, v1alpha1_runtime.go); the next non-TRY apply, or the process going down,
 * disarms it. The persistent resource exists only once an apply persisted a config since the boot:
 * a boot that loads STATE alone sets the running config and not the persisted one (v1.13.9
 * internal/app/machined/pkg/controllers/config/acquire.go). Everything here runs under the node's
 * lock.
 */
final class NodeConfigs {
  private final TalosNodeFake node;
  private final NodePower power;
  private AppliedConfig persisted;
  private boolean persistedThisBoot;
  private long attempt;

  NodeConfigs(TalosNodeFake node, NodePower power) {
    this.node = node;
    this.power = power;
  }

  /** The {@code config/persistent} resource: empty unless an apply persisted one this boot. */
  Optional<AppliedConfig> persisted() {
    synchronized (node) {
      return persistedThisBoot ? Optional.of(persisted) : Optional.empty();
    }
  }

  /**
   * A config taken in maintenance mode is persisted and, after the boot, running; {@code
   * rebooting}: the machine reboots into it (1.14 without machine.install does not).
   */
  void accepted(AppliedConfig config, boolean rebooting) {
    synchronized (node) {
      persisted = config;
      persistedThisBoot = !rebooting;
      attempt++;
    }
  }

  /** Reset wiped STATE. */
  void wiped() {
    synchronized (node) {
      persisted = null;
      persistedThisBoot = false;
      attempt++;
    }
  }

  /** The machine goes down: machined's revert timer dies with it, and its resources. */
  void down() {
    synchronized (node) {
      persistedThisBoot = false;
      attempt++;
    }
  }

  /** What the boot runs. */
  AppliedConfig atBoot() {
    synchronized (node) {
      return persisted;
    }
  }

  /** CancelConfigRollbackTimeout: any apply that is not TRY, before its config is looked at. */
  void cancelRevert() {
    synchronized (node) {
      attempt++;
    }
  }

  /** NO_REBOOT (and AUTO resolved so): persisted, then running. */
  void applyNow(AppliedConfig config) {
    synchronized (node) {
      persist(config);
      node.life.replaceConfig(config);
    }
  }

  /** STAGED: the next boot runs it; the node goes on with what it runs. */
  void stage(AppliedConfig config) {
    synchronized (node) {
      persist(config);
    }
  }

  /** REBOOT (and AUTO resolved so, up to 1.13): persisted, then the reboot sequence. */
  void applyAndReboot(AppliedConfig config) {
    synchronized (node) {
      persist(config);
      node.life.reboot();
    }
  }

  /** TRY: running now, reverted after {@code timeout} unless another apply comes first. */
  void tryOut(AppliedConfig config, Duration timeout) {
    synchronized (node) {
      AppliedConfig before = node.appliedConfig().orElseThrow();
      long mine = ++attempt;
      node.life.replaceConfig(config);
      power.after(timeout, () -> revert(mine, before));
    }
  }

  private void persist(AppliedConfig config) {
    persisted = config;
    persistedThisBoot = true;
  }

  private void revert(long armed, AppliedConfig before) {
    synchronized (node) {
      if (armed == attempt && node.mode() == TalosNodeFake.Mode.CONFIGURED) {
        node.life.replaceConfig(before);
      }
    }
  }
}
