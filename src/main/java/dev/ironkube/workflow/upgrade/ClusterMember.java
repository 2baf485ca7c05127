package dev.ironkube.workflow.upgrade;

/**
 * One node of a provisioned cluster, as its journal and talosconfig tell it.
 *
 * @param address what the tool dials for the node's Talos API
 */
public record ClusterMember(String hostname, String address, boolean controlPlane) {
  public String role() {
    return controlPlane ? "control plane" : "worker";
  }
}
