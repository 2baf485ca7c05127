package dev.ironkube.workflow.provision;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Talos half of the pipeline, from booted nodes to a healthy cluster. The workflow decides what
 * runs in parallel and what a node's failure means; the stage does one node's work at a time and is
 * safe to call from several threads for different nodes.
 */
public interface TalosStage {
  /** Proves the node's Talos API answers (in maintenance mode, or over mTLS once configured). */
  NodeBoot boot(String hostname, String serverId);

  /** Generates the cluster's secrets bundle if it does not exist yet; before any configure. */
  void prepareSecrets();

  /**
   * Starts generating the secrets bundle in the background if it does not exist yet, and returns at
   * once: called as the servers are ordered, so that the seconds it takes pass while the provider
   * deploys rather than after the nodes booted.
   */
  default void prepareSecretsInBackground() {}

  /**
   * Applies the node's machine config (control plane or worker, knowing every node of {@code
   * cluster}) and waits until it answers over mTLS with the cluster's CA. A node configured by an
   * earlier run whose cluster has changed since (a node added or removed) gets the new config
   * without a reboot.
   */
  void configure(ClusterNodes cluster, Node node);

  /**
   * Bootstraps etcd on the first control plane, waits for its services, writes the kubeconfig and
   * proves the Kubernetes API answers and the node is Ready.
   */
  void bootstrap(ClusterNodes cluster);

  /** Waits until a node other than the first control plane has joined and is Ready. */
  void join(ClusterNodes cluster, Node node);

  /**
   * Takes a worker out of the cluster before its server is deleted: drained and deleted from
   * Kubernetes, then reset (best effort: the server is deleted anyway).
   */
  void retire(ClusterNodes cluster, Node node);

  /**
   * The addresses the operator's CLI connects from, as the node sees them: what the node's firewall
   * lets in during bootstrap, and what a provider firewall lets reach the maintenance API.
   */
  default List<String> operatorCidrs() {
    return List.of();
  }

  /**
   * Writes the machine configs a run would apply into {@code dir} (secrets included, 0600) and
   * returns the files, for --dry-run.
   */
  List<Path> preview(Path dir, ClusterNodes cluster);

  /**
   * Renders every node's config with a throwaway secrets bundle and applies the cluster document's
   * machine-config patches, failing as a real render would (a patch that does not merge or that the
   * Talos release's schema refuses) before anything is ordered. Returns what was checked, or empty
   * when the document has no patches.
   */
  default Optional<String> checkPatches(ClusterNodes cluster) {
    return Optional.empty();
  }

  /**
   * One node. {@code address} is what the tool dials; {@code serverId} ties journaled actions to
   * this server, so a new server of the same name is configured afresh.
   */
  record Node(String hostname, String address, String serverId, boolean controlPlane) {
    public String role() {
      return controlPlane ? "control plane" : "worker";
    }
  }
}
