package dev.ironkube.sim.talos;

import java.util.List;

/**
 * The StaticPodStatus resources a control plane's Talos keeps (siderolabs/talos v1.11.6 {@code
 * internal/app/machined/pkg/controllers/k8s/kubelet_static_pod.go}: one per pod the kubelet reports
 * for its static pods, id {@code <namespace>/<pod name>}, the pod named {@code <static pod>-<node
 * name>} as kubelet names mirror pods; namespace {@code k8s}). They exist while kubelet runs.
 */
final class StaticPods {
  private static final List<String> CONTROL_PLANE =
      List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler");

  private StaticPods() {}

  static List<String> ids(TalosNodeFake node) {
    if (node.mode() != TalosNodeFake.Mode.CONFIGURED
        || !node.appliedConfig().map(AppliedConfig::controlPlane).orElse(false)) {
      return List.of();
    }
    boolean kubeletRuns =
        node.life.services().stream()
            .anyMatch(s -> s.getId().equals("kubelet") && s.getState().equals("Running"));
    String host = node.hostname();
    return kubeletRuns
        ? CONTROL_PLANE.stream().map(p -> "kube-system/" + p + "-" + host).toList()
        : List.of();
  }
}
