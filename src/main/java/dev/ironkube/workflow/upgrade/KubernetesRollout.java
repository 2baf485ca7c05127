package dev.ironkube.workflow.upgrade;

import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.workflow.ActionKind;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.Wait;
import dev.ironkube.workflow.upgrade.KubernetesImages.Component;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `ironkube upgrade <cluster> --kubernetes-version vA.B.C`, the path talosctl upgrade-k8s takes
 * (siderolabs/talos v1.13.9 pkg/cluster/kubernetes/talos_managed.go, Upgrade): the API server, then
 * the controller manager, then the scheduler, each on every control plane in turn; then kube-proxy
 * if it runs; then the kubelet on every node. Each change is the node's running config (read back
 * through COSI) with one image replaced, applied in NO_REBOOT mode (patch.go, patchNodeConfig), so
 * no node reboots; each is waited for (services healthy, Node Ready; the kubelet's Node reporting
 * the new version) before the next. A change already in a node's config is not sent again, so a
 * re-run continues where one stopped.
 */
public final class KubernetesRollout {
  private static final List<Component> CONTROL_PLANE =
      List.of(Component.API_SERVER, Component.CONTROLLER_MANAGER, Component.SCHEDULER);

  private final UpgradeContext ctx;

  public KubernetesRollout(UpgradeContext ctx) {
    this.ctx = ctx;
  }

  public UpgradePlan run(String requested, boolean dryRun) {
    String target = KubernetesUpgradePath.normalise(requested);
    ctx.progress().phase("Checking the cluster's Kubernetes version");
    ClusterMember first = ctx.controlPlanes().get(0);
    byte[] config = ctx.nodes().runningConfig(first);
    String from =
        KubernetesImages.version(config, Component.API_SERVER)
            .or(() -> KubernetesImages.version(config, Component.KUBELET))
            .orElseThrow(
                () ->
                    new OperationFailedException(
                        first.hostname() + "'s config names no API server image", ""));
    Set<Integer> talosMinors = new HashSet<>();
    for (ClusterMember m : ctx.members()) {
      String v =
          ctx.nodes()
              .talosVersion(m)
              .orElseThrow(
                  () ->
                      new OperationFailedException(
                          m.hostname() + " does not answer its Talos API",
                          "an upgrade starts only with every node up"));
      talosMinors.add(TalosUpgradePath.Version.parse(v).minor());
    }
    if (!from.equals(target)) {
      KubernetesUpgradePath.check(from, target, talosMinors);
    }
    boolean proxy = KubernetesImages.proxyEnabled(config);
    List<UpgradePlan.Step> steps = new ArrayList<>();
    for (ClusterMember m : ctx.members()) {
      String kubelet =
          ctx.nodes()
              .kubeNode(m.hostname())
              .map(RollingCluster.KubeNode::kubeletVersion)
              .orElse("?")
              .replaceFirst("^v", "");
      String action =
          m.controlPlane()
              ? "kube-apiserver, kube-controller-manager, kube-scheduler"
                  + (proxy ? ", kube-proxy" : "")
                  + ", kubelet"
              : "kubelet";
      steps.add(
          new UpgradePlan.Step(
              m.hostname(),
              m.role(),
              kubelet,
              action,
              kubelet.equals(target) && from.equals(target) ? "already" : "pending"));
    }
    UpgradePlan plan = new UpgradePlan(ctx.cluster(), "kubernetes", from, target, null, steps);
    ctx.progress()
        .info(
            "Kubernetes "
                + from
                + " → "
                + target
                + ": control-plane images on "
                + ctx.controlPlanes().size()
                + " node(s)"
                + (proxy ? ", kube-proxy" : " (kube-proxy disabled)")
                + ", then kubelet on "
                + ctx.members().size()
                + " node(s); no reboots");
    if (dryRun) {
      return plan;
    }
    ClusterMember at = first;
    try {
      for (Component c : CONTROL_PLANE) {
        ctx.progress().phase("Updating " + c.label() + " to " + target);
        for (ClusterMember cp : ctx.controlPlanes()) {
          at = cp;
          change(cp, c, target);
        }
      }
      if (proxy) {
        ctx.progress().phase("Updating kube-proxy to " + target);
        for (ClusterMember cp : ctx.controlPlanes()) {
          at = cp;
          change(cp, Component.PROXY, target);
        }
      }
      ctx.progress().phase("Updating the kubelet to " + target);
      for (ClusterMember m : ctx.members()) {
        at = m;
        change(m, Component.KUBELET, target);
      }
    } catch (Cancellation.CancelledException e) {
      throw e;
    } catch (IronkubeException e) {
      throw new OperationFailedException(
          "the Kubernetes upgrade stopped at " + at.hostname() + ": " + e.getMessage(),
          "the cluster keeps serving on the versions it has; fix it and run the same command"
              + " again: changes already made are not sent twice",
          e.exitCode(),
          e);
    }
    ctx.gate().journal().value("kubernetes version", target);
    ctx.progress()
        .info(
            "scale and provision now configure nodes on Kubernetes "
                + target
                + "; if the cluster document names spec.kubernetes.version, set it to "
                + target);
    List<UpgradePlan.Step> done =
        steps.stream()
            .map(
                s ->
                    new UpgradePlan.Step(
                        s.node(),
                        s.role(),
                        s.from(),
                        s.action(),
                        s.state().equals("already") ? "already" : "done"))
            .toList();
    return new UpgradePlan(ctx.cluster(), "kubernetes", from, target, null, done);
  }

  /** One image on one node: skipped when the running config has it already. */
  private void change(ClusterMember m, Component c, String target) {
    ctx.cancellation().check();
    Progress.Step step = ctx.progress().step(m.hostname() + ": " + c.label() + " " + target);
    byte[] running = ctx.nodes().runningConfig(m);
    if (KubernetesImages.version(running, c).filter(target::equals).isEmpty()) {
      byte[] patched = KubernetesImages.withVersion(running, c, target);
      ctx.gate()
          .act(
              "talos",
              ActionKind.OTHER,
              "set " + c.label() + " " + target + " on " + m.hostname(),
              Map.of("address", m.address()),
              () -> {
                ctx.nodes().applyWithoutReboot(m, patched);
                return true;
              });
    }
    ctx.gates().awaitBack(m, null, ctx.controlPlanes(), ctx.nodeTimeout(), step);
    if (c == Component.KUBELET) {
      ctx.waits()
          .until(
              m.hostname() + "'s Node on kubelet v" + target,
              ctx.nodeTimeout(),
              ctx.interval(),
              step,
              () -> {
                var node = ctx.nodes().kubeNode(m.hostname());
                boolean there =
                    node.isPresent()
                        && node.get().ready()
                        && node.get().kubeletVersion().equals("v" + target);
                return there
                    ? new Wait.Poll.Done<>(true)
                    : new Wait.Poll.NotYet<>(
                        "Node reports kubelet "
                            + node.map(RollingCluster.KubeNode::kubeletVersion).orElse("nothing"),
                        -1);
              });
    }
    step.done("v" + target + ", no reboot");
  }
}
