package dev.ironkube.workflow.provision;

/** Removes the operator's temporary access to a node, then proves it is gone from outside. */
@FunctionalInterface
public interface Lockdowns {
  void lockDown(TalosStage.Node node);
}
