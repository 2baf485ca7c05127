package dev.ironkube.provider;

/**
 * The markers by which a cluster's resources are recognised at the provider even without a journal:
 * a name derived from the cluster name, and a hostname prefix.
 */
public record ClusterIdentity(String clusterName) {

  /** The name given to per-cluster supporting resources (project, SSH key, tag). */
  public String markerName() {
    return "ironkube-" + clusterName;
  }

  /** Hostnames of this cluster's nodes start with this. */
  public String hostnamePrefix() {
    return clusterName + "-";
  }

  public String hostname(String role, int index) {
    return clusterName + "-" + role + "-" + index;
  }
}
