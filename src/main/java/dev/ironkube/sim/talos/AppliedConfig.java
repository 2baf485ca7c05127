package dev.ironkube.sim.talos;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * What the simulated node keeps from a machine config that passed {@link ConfigValidator}.
 *
 * @param raw the config bytes exactly as applied
 * @param machineType "controlplane", "worker" or "init"
 * @param clusterName cluster.clusterName
 * @param endpoint cluster.controlPlane.endpoint, e.g. "https://203.0.113.10:6443"
 * @param osCa machine.ca: apid's issuer and the root client certificates must chain to
 * @param k8sCa cluster.ca: issuer of the Kubernetes API certificate and the admin kubeconfig
 * @param certSans machine.certSANs, added to apid's certificate
 * @param installDisk machine.install.disk, empty when a selector was used, null when the config has
 *     no machine.install (accepted from 1.14 on)
 * @param documentKinds kinds of the non-legacy documents, in order
 * @param hostname the hostname the config sets, or empty when it sets none
 */
public record AppliedConfig(
    byte[] raw,
    String machineType,
    String clusterName,
    String endpoint,
    SimPki.Issued osCa,
    SimPki.Issued k8sCa,
    List<String> certSans,
    String installDisk,
    List<String> documentKinds,
    String hostname) {

  /** Whether the config carries machine.install, so that applying it installs and reboots. */
  public boolean installs() {
    return installDisk != null;
  }

  public boolean controlPlane() {
    return !"worker".equals(machineType);
  }

  /**
   * What ties the nodes of one cluster together: the cluster name and the cluster CA certificate,
   * which both the controlplane and the worker configs of one secrets bundle carry.
   */
  public String clusterIdentity() {
    try {
      byte[] ca = k8sCa.certificate().getEncoded();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(ca);
      return clusterName + "/" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot fingerprint cluster.ca", e);
    }
  }

  /** Key material stays out of test output and logs. */
  @Override
  public String toString() {
    return "AppliedConfig[type="
        + machineType
        + ", cluster="
        + clusterName
        + ", endpoint="
        + endpoint
        + ", certSANs="
        + certSans
        + ", installDisk="
        + installDisk
        + ", documents="
        + documentKinds
        + "]";
  }
}
