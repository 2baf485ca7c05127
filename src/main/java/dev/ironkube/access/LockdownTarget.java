package dev.ironkube.access;

/**
 * Where a locked-down node is checked from outside.
 *
 * @param host the node's public address, as the operator dials it
 * @param talosPort apid (50000; another port only in tests)
 * @param kubernetesPort the Kubernetes API (6443; another port only in tests)
 */
public record LockdownTarget(String host, int talosPort, int kubernetesPort) {
  public static LockdownTarget of(String host) {
    return new LockdownTarget(host, 50000, 6443);
  }
}
