package dev.ironkube.talos.stage;

import static dev.ironkube.settings.SettingsCatalogue.LOCKDOWN_PROBE_TIMEOUT;

import dev.ironkube.access.Lockdown;
import dev.ironkube.access.LockdownTarget;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.config.MachineConfigGenerator;
import dev.ironkube.workflow.ActionKind;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.provision.ClusterNodes;
import dev.ironkube.workflow.provision.TalosStage.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Re-applies every node's config without the operator's allows, over mTLS, and proves from outside
 * that 50000 and 6443 no longer answer. Only called once another way in (Teleport) is verified.
 */
final class NodeLockdown {
  private final TalosRun run;
  private final MachineConfigInputs inputs;
  private final Gate gate;

  NodeLockdown(TalosRun run, MachineConfigInputs inputs) {
    this.run = run;
    this.inputs = inputs;
    this.gate = run.gate();
  }

  /**
   * Workers first, then control planes in reverse, so the API the tool could still use (the first
   * control plane's) stays reachable longest.
   */
  static List<Node> order(ClusterNodes cluster) {
    List<Node> order = new ArrayList<>(cluster.workers());
    List<Node> cps = new ArrayList<>(cluster.controlPlanes());
    Collections.reverse(cps);
    order.addAll(cps);
    return order;
  }

  void lockDown(ClusterNodes cluster) {
    var identity = run.identity(cluster);
    for (Node node : order(cluster)) {
      Progress.Step step =
          run.progress()
              .step(TalosRun.label(node) + ": removing the operator's access to 50000 and 6443");
      String disk = run.journaledDisk(node);
      byte[] locked =
          inputs.render(
              new MachineConfigGenerator(run.secrets().bundle()),
              cluster,
              node,
              disk,
              inputs.operatorCidrs(),
              true);
      try (TalosClient client =
          TalosClient.secure(node.address(), 50000, identity, run.polling(step))) {
        gate.act(
            "talos",
            ActionKind.LOCK_DOWN,
            TalosRun.lockDownAction(node),
            Map.of("address", node.address()),
            () ->
                new Lockdown(
                        run.settings().duration(LOCKDOWN_PROBE_TIMEOUT),
                        line -> step.update(line, -1))
                    .apply(client, locked, LockdownTarget.of(node.address())));
      }
      step.done("closed from outside");
    }
  }
}
