package dev.ironkube.talos.stage;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.talos.config.MachineConfigGenerator;
import dev.ironkube.talos.patch.ConfigDiff;
import dev.ironkube.workflow.provision.ClusterNodes;
import dev.ironkube.workflow.provision.TalosStage.Node;
import dev.ironkube.workflow.upgrade.ClusterMember;
import dev.ironkube.workflow.upgrade.NodeConfigs;

/**
 * Each node's config as the cluster document renders it now, for `ironkube apply` and `diff`: the
 * same render as provisioning's (the journaled install disk, the cluster's secrets, the operator's
 * allows or the locked-down firewall, the patches), compared with what the node runs.
 */
final class DocumentConfigs implements NodeConfigs {
  private final TalosRun run;
  private final MachineConfigInputs inputs;
  private final ClusterNodes cluster;

  DocumentConfigs(TalosRun run, MachineConfigInputs inputs, ClusterNodes cluster) {
    this.run = run;
    this.inputs = inputs;
    this.cluster = cluster;
  }

  @Override
  public byte[] desired(ClusterMember member) {
    Node node = node(member);
    return inputs.render(
        new MachineConfigGenerator(run.secrets().bundle()),
        cluster,
        node,
        run.journaledDisk(node),
        inputs.operatorCidrs(),
        run.lockedDown(node));
  }

  @Override
  public boolean same(byte[] running, byte[] desired) {
    return ConfigDiff.same(running, desired);
  }

  @Override
  public String diff(ClusterMember member, byte[] running, byte[] desired) {
    return ConfigDiff.unified(member.hostname(), running, desired);
  }

  @Override
  public void applied(ClusterMember member) {
    Node node = node(member);
    run.gate()
        .journal()
        .value(MachineConfigInputs.topologyKey(node), inputs.appliedKey(cluster, node));
  }

  private Node node(ClusterMember member) {
    return cluster
        .byHostname(member.hostname())
        .orElseThrow(
            () ->
                new UserInputException(
                    member.hostname() + " is not a node of the cluster the journal describes",
                    "run 'ironkube status " + run.cluster() + "'"));
  }
}
