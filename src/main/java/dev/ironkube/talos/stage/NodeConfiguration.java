package dev.ironkube.talos.stage;

import static dev.ironkube.settings.SettingsCatalogue.INSTALL_DISK;
import static dev.ironkube.settings.SettingsCatalogue.TALOS_BOOT_TIMEOUT;
import static dev.ironkube.settings.SettingsCatalogue.TALOS_VERSION;

import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.settings.TalosReleases;
import dev.ironkube.talos.api.ApplyResult;
import dev.ironkube.talos.api.DiskInfo;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.api.TalosIdentity;
import dev.ironkube.talos.config.InstallDisk;
import dev.ironkube.talos.config.InstallDiskChooser;
import dev.ironkube.talos.config.MachineConfigGenerator;
import dev.ironkube.talos.config.TalosVersion;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.Wait;
import dev.ironkube.workflow.provision.ClusterNodes;
import dev.ironkube.workflow.provision.NodeBoot;
import dev.ironkube.workflow.provision.TalosStage.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * From a node in maintenance mode to a node answering mTLS with our CA: the secrets bundle, its
 * install disk, its rendered config applied once; and, when the cluster around it changed since,
 * its config rewritten in place.
 */
final class NodeConfiguration {
  private final TalosRun run;
  private final MachineConfigInputs inputs;

  NodeConfiguration(TalosRun run, MachineConfigInputs inputs) {
    this.run = run;
    this.inputs = inputs;
  }

  NodeBoot boot(String hostname, String serverId) {
    run.secrets().prepareInBackground();
    return address -> {
      boolean configured = run.gate().journal().hasActed(TalosRun.applyAction(hostname, serverId));
      try (TalosClient client =
          configured
              ? TalosClient.secure(address, run.secrets().identity(run.cluster(), address))
              : TalosClient.maintenance(address)) {
        client.version();
        return new Wait.Poll.Done<>(address);
      } catch (IronkubeException e) {
        return new Wait.Poll.NotYet<>("not answering yet", -1);
      }
    };
  }

  void prepareSecretsInBackground() {
    run.secrets().prepareInBackground();
  }

  void prepareSecrets() {
    TalosVersion talos = run.version();
    if (talos.outOfCommunitySupport()) {
      run.progress()
          .warn(
              "Talos "
                  + run.settings().require(TALOS_VERSION)
                  + " is out of community support (Talos 1."
                  + talos.minor()
                  + " gets no more fixes); consider "
                  + TalosReleases.current().newestPatch());
    }
    Progress.Step step = run.progress().step("Generating secrets bundle");
    run.secrets().bundle();
    boolean existed = !run.secrets().generatedHere();
    step.done(existed ? "reusing " + run.files().secrets().getFileName() : "written 0600");
  }

  void configure(ClusterNodes cluster, Node node) {
    var bundle = run.secrets().bundle();
    var identity = run.identity(cluster);
    String topology = inputs.appliedKey(cluster, node);
    String label = TalosRun.label(node);
    if (run.gate().journal().hasActed(TalosRun.applyAction(node))) {
      String applied =
          run.gate().journal().value(MachineConfigInputs.topologyKey(node)).orElse(topology);
      if (!applied.equals(topology)) {
        boolean sameNodes = (applied + " ").startsWith(MachineConfigInputs.topology(cluster) + " ");
        update(
            cluster, node, identity, topology, sameNodes ? "for its patches" : "for the new nodes");
      }
    } else {
      Progress.Step disks = run.progress().step(label + ": reading disks");
      // One maintenance connection reads the disks and applies the config: a handshake fewer per
      // node (the apply's connection ends as the node reboots).
      try (TalosClient maintenance =
          TalosClient.maintenance(node.address(), 50000, run.polling(disks))) {
        String disk = chooseDisk(run.settings().get(INSTALL_DISK), maintenance.disks());
        run.gate().journal().value(TalosRun.diskKey(node), disk);
        disks.update(disk + "; rendering the " + node.role() + " config", -1);
        byte[] config = inputs.render(new MachineConfigGenerator(bundle), cluster, node, disk);
        disks.done(disk + ", " + config.length / 1024 + " KiB " + node.role() + " config");

        Progress.Step apply = run.progress().step(label + ": applying machine config");
        var result =
            run.gate()
                .act(
                    "talos",
                    TalosRun.applyAction(node),
                    Map.of("address", node.address()),
                    () -> maintenance.applyConfiguration(config));
        run.gate().journal().value(MachineConfigInputs.topologyKey(node), topology);
        apply.done(
            result.outcome() == ApplyResult.Outcome.APPLIED
                ? "applied, rebooting"
                : "connection dropped as the node rebooted");
      }
    }

    Progress.Step secure = run.progress().step(label + ": waiting for mTLS with our CA");
    try (TalosClient client =
        TalosClient.secure(node.address(), 50000, identity, run.polling(secure))) {
      var v = client.awaitSecure(run.settings().duration(TALOS_BOOT_TIMEOUT));
      secure.done("Talos " + v.tag());
    }
  }

  /**
   * The cluster changed since this node was configured (a node added or removed) or its patches
   * did: its config is rendered again and applied over mTLS. A locked-down node is rendered locked
   * down, and reaching it needs an operator allow it no longer has; that case fails clearly.
   */
  private void update(
      ClusterNodes cluster, Node node, TalosIdentity identity, String topology, String reason) {
    Progress.Step step =
        run.progress().step(TalosRun.label(node) + ": updating its config " + reason);
    String disk = run.journaledDisk(node);
    byte[] config =
        inputs.render(
            new MachineConfigGenerator(run.secrets().bundle()),
            cluster,
            node,
            disk,
            inputs.operatorCidrs(),
            run.lockedDown(node));
    boolean staged;
    try (TalosClient client =
        TalosClient.secure(node.address(), 50000, identity, run.polling(step))) {
      staged =
          run.gate()
              .act(
                  "talos",
                  "update config " + node.hostname() + " (" + node.serverId() + ") for " + topology,
                  Map.of("address", node.address()),
                  () -> applyLiveOrStage(client, config));
    }
    run.gate().journal().value(MachineConfigInputs.topologyKey(node), topology);
    if (staged) {
      step.done("staged for its next boot: Talos needs a reboot for this change");
      run.progress()
          .warn(
              node.hostname()
                  + " takes its new config at its next boot; 'ironkube apply "
                  + run.cluster()
                  + " --reboot' reboots the nodes into it one at a time");
    } else {
      step.done("applied without a reboot");
    }
  }

  /**
   * NO_REBOOT first: the cluster keeps running. A change Talos takes only at boot (before 1.14) is
   * staged rather than rebooting a node outside the rollout's gates. Returns whether it was staged.
   */
  private static boolean applyLiveOrStage(TalosClient client, byte[] config) {
    try {
      client.applyConfigurationNoReboot(config);
      return false;
    } catch (RemoteServiceException.RebootRequired e) {
      client.applyConfigurationStaged(config);
      return true;
    }
  }

  /** The configured disk if the node has it, else the chooser's pick among the node's disks. */
  static String chooseDisk(Optional<String> configured, List<DiskInfo> disks) {
    if (configured.isPresent()) {
      boolean present = disks.stream().anyMatch(d -> d.path().equals(configured.get()));
      if (!present) {
        throw new OperationFailedException(
            "the install disk "
                + configured.get()
                + " is not among the node's disks ("
                + String.join(", ", disks.stream().map(DiskInfo::path).toList())
                + ")",
            "set spec.talos.installDisk to one of them, or remove it to choose automatically");
      }
      return configured.get();
    }
    return new InstallDiskChooser()
        .choose(
            disks.stream()
                .map(d -> new InstallDisk(d.path(), d.sizeBytes(), d.type(), d.model()))
                .toList())
        .path();
  }
}
