package dev.ironkube.workflow.upgrade;

/**
 * What a config rollout asks of the Talos stage: each node's config as the cluster document now
 * renders it (patched, locked down if the node is), the two configs compared and shown without
 * their secrets, and a note in the journal once a node runs its new config, so a later provision
 * run does not apply it again.
 */
public interface NodeConfigs {
  /** The node's config as the document renders it now. */
  byte[] desired(ClusterMember node);

  /** Whether two configs hold the same documents, whatever their formatting. */
  boolean same(byte[] running, byte[] desired);

  /** A unified diff of the two configs with every secret blanked; empty when they are the same. */
  String diff(ClusterMember node, byte[] running, byte[] desired);

  /** Records in the journal that the node runs (or has staged) its desired config. */
  void applied(ClusterMember node);
}
