package dev.ironkube.workflow.upgrade;

/**
 * A node refused to apply a config without a reboot: the change touches a setting Talos takes only
 * at boot (before 1.14, anything outside CanApplyImmediate's list; siderolabs/talos v1.13.9
 * internal/app/machined/pkg/runtime/v1alpha1/v1alpha1_runtime.go). Not a failure of the rollout: it
 * then stages the config or, when told to, reboots the node into it.
 */
public final class RebootRequired extends RuntimeException {
  public RebootRequired(String nodeWords) {
    super(nodeWords, null, false, false);
  }
}
