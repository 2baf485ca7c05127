package dev.ironkube.sim.talos;

/**
 * What a configured Talos node keeps on its disks through a power cycle, as a datacenter snapshot
 * holds it. A real node's machine config sits on the STATE partition ({@code
 * /system/state/config.yaml}: siderolabs/talos v1.11.6 pkg/machinery/constants/constants.go
 * StateMountPoint, ConfigFilename) and is what the next boot loads (v1.13.9
 * internal/app/machined/pkg/controllers/config/acquire.go, loadConfigFromDisk); etcd's data sits on
 * EPHEMERAL ({@code /var/lib/etcd}). Everything else (apid's and kube-apiserver's serving
 * certificates, service state) is in memory and made again at boot from the config.
 *
 * @param config the config on STATE, exactly as applied (a staged one included: the boot runs it)
 * @param release the Talos release the next boot runs (an upgrade's, when one was installed)
 * @param bootstrapped whether Bootstrap ran on this node (etcd's data dir holds its cluster)
 * @param resets how many times the node was reset before
 */
public record KeptNode(byte[] config, String release, boolean bootstrapped, int resets) {
  /** Key material stays out of test output and logs. */
  @Override
  public String toString() {
    return "KeptNode[release=" + release + ", bootstrapped=" + bootstrapped + "]";
  }
}
