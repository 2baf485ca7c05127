package dev.ironkube.workflow.provision;

/**
 * Removes the operator's temporary access to every node of the cluster, then proves from outside
 * that it is gone.
 */
@FunctionalInterface
public interface Lockdowns {
  void lockDown(ClusterNodes cluster);
}
