package dev.ironkube.talos.api;

/**
 * The node refused a NO_REBOOT apply because the change needs a reboot (Talos before 1.14; see
 * {@code UpgradeCalls.IMMEDIATE_REFUSAL}). Nothing was applied.
 */
public final class NeedsReboot extends RuntimeException {
  NeedsReboot(String target) {
    super(target + " needs a reboot to take this config", null, false, false);
  }
}
