package dev.ironkube.sim.talos;

import dev.ironkube.sim.SimDisk;
import java.util.List;

/**
 * The Talos release a node runs, and the one an upgrade installed for its next boot: until that
 * boot apid answers as the old release, after it the node validates configs and answers calls as
 * the new one ({@link TalosMinor}). Guarded by the node's lock.
 */
final class NodeRelease {
  private final List<SimDisk> disks;
  private String running;
  private String installed;
  private ConfigValidator validator;
  private TalosMinor minor;

  NodeRelease(List<SimDisk> disks, String version) {
    this.disks = disks;
    use(version);
  }

  String running() {
    return running;
  }

  ConfigValidator validator() {
    return validator;
  }

  TalosMinor minor() {
    return minor;
  }

  /** What the next boot runs: the installed release, if an upgrade left one. */
  String atNextBoot() {
    return installed != null ? installed : running;
  }

  /** The upgrade wrote {@code version} to the boot partition: the next boot runs it. */
  void install(String version) {
    installed = version;
  }

  /** The machine boots: into the installed release, if an upgrade left one. */
  void boot() {
    if (installed != null) {
      use(installed);
      installed = null;
    }
  }

  private void use(String version) {
    running = version;
    validator = new ConfigValidator(disks, version);
    minor = TalosMinor.of(version);
  }
}
