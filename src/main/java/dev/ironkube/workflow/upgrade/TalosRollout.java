package dev.ironkube.workflow.upgrade;

import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.settings.TalosReleases;
import dev.ironkube.workflow.ActionKind;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Progress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `ironkube upgrade <cluster> --talos-version vX.Y.Z`: one node at a time, control planes first,
 * through the Upgrade RPC with the Image Factory installer of the cluster's schematic. Before a
 * control plane goes down etcd must be healthy with every member present and keep quorum without
 * it; a worker is cordoned and drained first (Talos' own upgrade sequence drains too, v1.13.9
 * v1alpha1_sequencer.go Upgrade: "drain" first, but only within its own timeout); each node must
 * report the new version with healthy services and a Ready Node before the next starts.
 *
 * <p>Every Upgrade call is journaled before it is sent. A re-run asks each node its version: a node
 * on the target is done, a node whose upgrade was journaled but not yet seen is waited for (it may
 * be rebooting), any other is upgraded. So a rollout stopped anywhere continues where it stopped.
 */
public final class TalosRollout {
  private final UpgradeContext ctx;

  public TalosRollout(UpgradeContext ctx) {
    this.ctx = ctx;
  }

  /** The journaled text of one node's Upgrade call. */
  static String upgradeAction(ClusterMember node, String version) {
    return "upgrade talos " + node.hostname() + " to " + version;
  }

  /** factory.talos.dev/metal-installer/SCHEMATIC:VERSION (talos.md section 6, installer images). */
  public static String installerImage(String schematic, String version) {
    return "factory.talos.dev/metal-installer/" + schematic + ":" + version;
  }

  /** Plans the rollout; runs it unless {@code dryRun}. */
  public UpgradePlan run(String target, String schematic, boolean force, boolean dryRun) {
    String image = installerImage(schematic, target);
    ctx.progress().phase("Checking the cluster's Talos versions");
    Map<ClusterMember, String> before = new LinkedHashMap<>();
    for (ClusterMember m : ctx.members()) {
      Optional<String> v = ctx.nodes().talosVersion(m);
      boolean requested = ctx.gate().journal().hasActed(upgradeAction(m, target));
      if (v.isEmpty() && !requested) {
        throw new OperationFailedException(
            m.hostname() + " (" + m.address() + ") does not answer its Talos API",
            "a rollout starts only with every node up; check the node and run the command again");
      }
      before.put(m, v.orElse("rebooting"));
      if (v.isPresent() && !v.get().equals(target)) {
        TalosUpgradePath.check(v.get(), target, force);
      }
    }
    if (!force) {
      refuseUnsupportedKubernetes(target);
    }
    List<UpgradePlan.Step> steps = new ArrayList<>();
    for (var e : before.entrySet()) {
      ClusterMember m = e.getKey();
      boolean already = e.getValue().equals(target);
      steps.add(
          new UpgradePlan.Step(
              m.hostname(),
              m.role(),
              e.getValue(),
              m.controlPlane() ? "check etcd, upgrade" : "drain, upgrade, uncordon",
              already ? "already" : "pending"));
    }
    String from =
        before.values().stream()
            .filter(v -> !v.equals("rebooting"))
            .min(Comparator.comparing(TalosUpgradePath.Version::parse))
            .orElse("");
    UpgradePlan plan = new UpgradePlan(ctx.cluster(), "talos", from, target, image, steps);
    ctx.progress()
        .info(
            plan.pending()
                + " of "
                + steps.size()
                + " node(s) to upgrade to Talos "
                + target
                + " with "
                + image);
    if (dryRun) {
      return plan;
    }
    List<UpgradePlan.Step> done = new ArrayList<>();
    int index = 0;
    for (ClusterMember m : ctx.members()) {
      UpgradePlan.Step step = steps.get(index++);
      if (step.state().equals("already")) {
        // On the target already, maybe from an interrupted run: prove it is back and serving.
        finish(m, target, "already on " + target);
        done.add(step);
        continue;
      }
      try {
        upgrade(m, target, image);
      } catch (Cancellation.CancelledException e) {
        throw e;
      } catch (IronkubeException e) {
        throw stopped(m, target, done.size(), steps.size(), e);
      }
      done.add(new UpgradePlan.Step(step.node(), step.role(), step.from(), step.action(), "done"));
    }
    ctx.gate().journal().value("talos version", target);
    // Provision and scale take the journal's version when none is set, and refuse another.
    ctx.progress()
        .info(
            "scale and provision now boot and configure nodes on "
                + target
                + "; if the cluster document or IRONKUBE_TALOS_VERSION names a version, set it to "
                + target);
    return new UpgradePlan(ctx.cluster(), "talos", from, target, image, done);
  }

  /**
   * Talos supports six Kubernetes minors (constants.SupportedKubernetesVersions); a kubelet outside
   * the target release's range would run on a Talos that was never tested with it, so Kubernetes
   * moves first ({@link TalosReleases#supportsKubernetes}).
   */
  private void refuseUnsupportedKubernetes(String target) {
    int talosMinor = TalosUpgradePath.Version.parse(target).minor();
    TalosReleases release = TalosReleases.of(talosMinor).orElseThrow();
    for (ClusterMember m : ctx.members()) {
      Optional<String> kubelet =
          ctx.nodes().kubeNode(m.hostname()).map(RollingCluster.KubeNode::kubeletVersion);
      if (kubelet.isEmpty() || kubelet.get().isBlank()) {
        continue;
      }
      int minor = KubernetesUpgradePath.minor(kubelet.get());
      if (!release.supportsKubernetes(minor)) {
        throw new UserInputException(
            m.hostname()
                + " runs Kubernetes "
                + kubelet.get()
                + "; Talos "
                + target
                + " supports Kubernetes "
                + release.kubernetesRange(),
            "upgrade Kubernetes into that range first (--kubernetes-version), or pass --force");
      }
    }
  }

  private void upgrade(ClusterMember m, String target, String image) {
    ctx.cancellation().check();
    ctx.progress().phase("Upgrading " + m.hostname() + " (" + m.role() + ") to Talos " + target);
    String action = upgradeAction(m, target);
    if (!ctx.gate().journal().hasActed(action)) {
      if (m.controlPlane()) {
        Progress.Step gate = ctx.progress().step(m.hostname() + ": checking etcd");
        ctx.gates().awaitEtcdSafe(m, ctx.controlPlanes(), ctx.nodeTimeout(), gate);
        gate.done(ctx.controlPlanes().size() + " member(s) healthy");
      } else {
        drain(m, target);
      }
      Progress.Step send = ctx.progress().step(m.hostname() + ": Upgrade with " + image);
      String ack =
          ctx.gate()
              .act(
                  "talos",
                  ActionKind.OTHER,
                  action,
                  Map.of("address", m.address(), "image", image),
                  () -> ctx.nodes().upgrade(m, image));
      send.done(ack.isEmpty() ? "accepted" : ack);
    }
    finish(m, target, null);
  }

  static String drainAction(ClusterMember m, String target) {
    return "cordon and drain " + m.hostname() + " for Talos " + target;
  }

  private void drain(ClusterMember m, String target) {
    Progress.Step step = ctx.progress().step(m.hostname() + ": cordon and drain");
    ctx.gate()
        .act(
            "kubernetes",
            ActionKind.OTHER,
            drainAction(m, target),
            Map.of(),
            () -> {
              ctx.nodes().cordonAndDrain(m, ctx.drainTimeout(), ctx.interval());
              return true;
            });
    step.done("cordoned, pods evicted");
  }

  /** Waits for the node back on {@code target}; a worker is made schedulable again. */
  private void finish(ClusterMember m, String target, String note) {
    Progress.Step back =
        ctx.progress().step(m.hostname() + ": waiting for Talos " + target + ", healthy, Ready");
    ctx.gates().awaitBack(m, target, ctx.controlPlanes(), ctx.nodeTimeout(), back);
    // Only a cordon of ours is undone: a node the user cordoned stays cordoned.
    if (ctx.gate().journal().hasActed(drainAction(m, target))
        && ctx.nodes()
            .kubeNode(m.hostname())
            .map(RollingCluster.KubeNode::unschedulable)
            .orElse(false)) {
      ctx.gate()
          .act(
              "kubernetes",
              ActionKind.OTHER,
              "uncordon " + m.hostname(),
              Map.of(),
              () -> {
                ctx.nodes().uncordon(m);
                return true;
              });
    }
    ctx.gate().journal().value("talos version " + m.hostname(), target);
    back.done(note == null ? "Talos " + target + ", Ready" : note);
  }

  private OperationFailedException stopped(
      ClusterMember m, String target, int done, int total, IronkubeException e) {
    return new OperationFailedException(
        "the Talos upgrade stopped at "
            + m.hostname()
            + " ("
            + done
            + " of "
            + total
            + " node(s) on "
            + target
            + "; the others still serve): "
            + e.getMessage(),
        (e.hint() == null || e.hint().isEmpty() ? "" : e.hint() + "; ")
            + "fix it and run the same command again: it continues from "
            + m.hostname(),
        e.exitCode(),
        e);
  }
}
