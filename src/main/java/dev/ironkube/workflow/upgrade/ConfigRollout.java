package dev.ironkube.workflow.upgrade;

import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.workflow.ActionKind;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `ironkube apply` and `ironkube diff`: every node's config rendered from the cluster document
 * (patches included) compared with the config it runs, and applied where they differ, one node at a
 * time, control planes first, in the mode Talos says the change needs:
 *
 * <ul>
 *   <li>without a reboot when the node accepts that (NO_REBOOT; from Talos 1.14 every change);
 *   <li>otherwise staged, to take effect at the node's next boot, unless {@code --reboot} asks to
 *       roll through: then with the upgrade's gates (etcd healthy and keeping quorum before a
 *       control plane goes down; a worker cordoned and drained) and the node back, healthy and
 *       Ready before the next starts.
 * </ul>
 *
 * A re-run compares again, so it continues with the nodes whose config still differs.
 */
public final class ConfigRollout {
  private final UpgradeContext ctx;
  private final NodeConfigs configs;

  public ConfigRollout(UpgradeContext ctx, NodeConfigs configs) {
    this.ctx = ctx;
    this.configs = configs;
  }

  /** One node's part: what differs and what was (or would be) done. */
  public record Step(String node, String role, String change, boolean rebootNeeded, String diff) {}

  /** The whole rollout, as printed and as {@code -o json} writes it. */
  public record Result(String cluster, boolean dryRun, List<Step> steps) {
    public long changed() {
      return steps.stream().filter(s -> !s.change().equals("unchanged")).count();
    }
  }

  /**
   * Compares every node; applies unless {@code dryRun}.
   *
   * @param reboot whether a change that needs a reboot reboots the node (else it is staged)
   */
  public Result run(boolean dryRun, boolean reboot) {
    ctx.progress().phase("Rendering each node's config from the cluster document");
    List<Planned> planned = new ArrayList<>();
    for (ClusterMember m : ctx.members()) {
      ctx.cancellation().check();
      Progress.Step step = ctx.progress().step(m.hostname() + ": comparing with its config");
      byte[] running;
      try {
        running = ctx.nodes().runningConfig(m);
      } catch (IronkubeException e) {
        throw new OperationFailedException(
            "cannot read the config " + m.hostname() + " runs: " + e.getMessage(),
            "every node must answer its Talos API; check it and run again",
            e.exitCode(),
            e);
      }
      byte[] desired = configs.desired(m);
      if (configs.same(running, desired)) {
        step.done("unchanged");
        planned.add(new Planned(m, null, false, ""));
        continue;
      }
      boolean needsReboot = ctx.nodes().needsReboot(m, desired);
      String diff = configs.diff(m, running, desired);
      step.done(needsReboot ? "changed; Talos needs a reboot for it" : "changed; no reboot needed");
      planned.add(new Planned(m, desired, needsReboot, diff));
    }
    List<Step> steps = new ArrayList<>();
    int done = 0;
    long total = planned.stream().filter(p -> p.desired != null).count();
    for (Planned p : planned) {
      if (p.desired == null) {
        steps.add(new Step(p.member.hostname(), p.member.role(), "unchanged", false, ""));
        continue;
      }
      String change;
      if (dryRun) {
        change = !p.needsReboot ? "would apply" : reboot ? "would reboot into" : "would stage";
      } else {
        try {
          change = apply(p, reboot);
        } catch (Cancellation.CancelledException e) {
          throw e;
        } catch (IronkubeException e) {
          throw stopped(p.member, done, total, e);
        }
        done++;
      }
      steps.add(new Step(p.member.hostname(), p.member.role(), change, p.needsReboot, p.diff));
    }
    return new Result(ctx.cluster(), dryRun, steps);
  }

  private String apply(Planned p, boolean reboot) {
    ClusterMember m = p.member;
    ctx.progress().phase("Applying " + m.hostname() + "'s config (" + m.role() + ")");
    if (!p.needsReboot) {
      Progress.Step step = ctx.progress().step(m.hostname() + ": applying without a reboot");
      try {
        act(
            m,
            "apply config change to " + m.hostname(),
            () -> ctx.nodes().applyWithoutReboot(m, p.desired));
        configs.applied(m);
        step.done("applied");
        return "applied";
      } catch (RemoteServiceException.RebootRequired e) {
        // The node changed its mind since the check (another change landed): treat as below.
        step.done("the node wants a reboot for it");
      }
    }
    if (!reboot) {
      Progress.Step step = ctx.progress().step(m.hostname() + ": staging for its next boot");
      act(m, "stage config change on " + m.hostname(), () -> ctx.nodes().stageConfig(m, p.desired));
      configs.applied(m);
      step.done("staged; it takes effect when the node reboots (apply --reboot rolls through)");
      return "staged";
    }
    if (m.controlPlane()) {
      Progress.Step gate = ctx.progress().step(m.hostname() + ": checking etcd");
      ctx.gates().awaitEtcdSafe(m, ctx.controlPlanes(), ctx.nodeTimeout(), gate);
      gate.done(ctx.controlPlanes().size() + " member(s) healthy");
    } else {
      Progress.Step drain = ctx.progress().step(m.hostname() + ": cordon and drain");
      act(
          m,
          "cordon and drain " + m.hostname() + " for a config change",
          () -> ctx.nodes().cordonAndDrain(m, ctx.drainTimeout(), ctx.interval()));
      drain.done("cordoned, pods evicted");
    }
    Progress.Step send = ctx.progress().step(m.hostname() + ": applying with a reboot");
    act(
        m,
        "apply config change with reboot to " + m.hostname(),
        () -> ctx.nodes().applyWithReboot(m, p.desired));
    send.done("rebooting");
    Progress.Step back = ctx.progress().step(m.hostname() + ": waiting for it healthy and Ready");
    ctx.gates().awaitBack(m, null, ctx.controlPlanes(), ctx.nodeTimeout(), back);
    if (!m.controlPlane()
        && ctx.nodes()
            .kubeNode(m.hostname())
            .map(RollingCluster.KubeNode::unschedulable)
            .orElse(false)) {
      act(m, "uncordon " + m.hostname(), () -> ctx.nodes().uncordon(m));
    }
    configs.applied(m);
    back.done("healthy, Ready");
    return "rebooted into";
  }

  private void act(ClusterMember m, String action, Runnable change) {
    ctx.gate()
        .act(
            "talos",
            ActionKind.OTHER,
            action,
            Map.of("address", m.address()),
            () -> {
              change.run();
              return true;
            });
  }

  private OperationFailedException stopped(
      ClusterMember m, int done, long total, IronkubeException e) {
    return new OperationFailedException(
        "applying the config stopped at "
            + m.hostname()
            + " ("
            + done
            + " of "
            + total
            + " changed node(s) done; the others still run their config): "
            + e.getMessage(),
        (e.hint() == null || e.hint().isEmpty() ? "" : e.hint() + "; ")
            + "fix it and run the same command again: it compares again and continues",
        e.exitCode(),
        e);
  }

  private record Planned(ClusterMember member, byte[] desired, boolean needsReboot, String diff) {}
}
