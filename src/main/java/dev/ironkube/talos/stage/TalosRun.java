package dev.ironkube.talos.stage;

import static dev.ironkube.settings.SettingsCatalogue.TALOS_POLL;
import static dev.ironkube.settings.SettingsCatalogue.TALOS_VERSION;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.settings.Settings;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.talos.api.Polling;
import dev.ironkube.talos.api.TalosIdentity;
import dev.ironkube.talos.config.TalosVersion;
import dev.ironkube.talos.talosconfig.Talosconfig;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.provision.ClusterNodes;
import dev.ironkube.workflow.provision.TalosStage.Node;
import java.time.Clock;

/**
 * What every part of the Talos stage shares within one run: the settings, the cluster's files and
 * secrets, the journaling gate, progress and time; plus the journal keys more than one part reads
 * (the apply action, the install disk), so writer and reader cannot drift apart.
 */
record TalosRun(
    Settings settings,
    ClusterFiles files,
    Gate gate,
    Progress progress,
    Cancellation cancellation,
    Clock clock,
    ClusterSecrets secrets) {

  String cluster() {
    return settings.clusterName();
  }

  TalosVersion version() {
    return TalosVersion.parse(settings.require(TALOS_VERSION));
  }

  Polling polling(Progress.Step step) {
    return Polling.defaults()
        .withClock(clock)
        .withSleeper(cancellation)
        .withInterval(settings.duration(TALOS_POLL))
        .withProgress(line -> step.update(line, -1));
  }

  Talosconfig talosconfig(ClusterNodes cluster) {
    return secrets.talosconfig(
        cluster(),
        cluster.controlPlanes().stream().map(Node::address).toList(),
        cluster.addresses());
  }

  TalosIdentity identity(ClusterNodes cluster) {
    return ClusterSecrets.identity(talosconfig(cluster));
  }

  static String label(Node node) {
    return node.hostname();
  }

  static String applyAction(Node node) {
    return applyAction(node.hostname(), node.serverId());
  }

  static String applyAction(String hostname, String serverId) {
    return "apply config " + hostname + " (" + serverId + ")";
  }

  /** The journal's words for locking a node down; see NodeLockdown. */
  static String lockDownAction(Node node) {
    return "lock down " + node.hostname() + " (" + node.serverId() + ")";
  }

  /** Whether the node runs its locked-down config: every later config must be locked down too. */
  boolean lockedDown(Node node) {
    return gate.journal().hasActed(lockDownAction(node));
  }

  static String diskKey(Node node) {
    return "install disk " + node.serverId();
  }

  /** The disk chosen when the node was first configured; every later config must name it. */
  String journaledDisk(Node node) {
    return gate.journal()
        .value(diskKey(node))
        .orElseThrow(() -> new OperationFailedException("no install disk was journaled", ""));
  }
}
