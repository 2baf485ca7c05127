package dev.ironkube.cli;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.net.Cidr;
import dev.ironkube.platform.CiliumManifests;
import dev.ironkube.settings.ConfigPatches;
import dev.ironkube.settings.Problem;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.store.ClusterLock;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.api.TalosIdentity;
import dev.ironkube.talos.factory.ImageFactoryUrls;
import dev.ironkube.talos.patch.MachineConfigPatcher;
import dev.ironkube.talos.patch.RunningConfig;
import dev.ironkube.talos.stage.TalosBootstrap;
import dev.ironkube.talos.talosconfig.Talosconfig;
import dev.ironkube.talos.upgrade.ApiRollingCluster;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.Wait;
import dev.ironkube.workflow.provision.ClusterNodes;
import dev.ironkube.workflow.provision.TalosStage;
import dev.ironkube.workflow.upgrade.ClusterMember;
import dev.ironkube.workflow.upgrade.ConfigRollout;
import dev.ironkube.workflow.upgrade.UpgradeContext;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * What `apply` and `diff` share: the cluster's document and journal read, the nodes reached over
 * the talosconfig's identity, each node's config rendered as provisioning renders it, and the
 * rollout run (or only compared) and printed.
 */
final class ConfigRolloutRun {
  private ConfigRolloutRun() {}

  static ConfigRollout.Result run(
      CliEnvironment env,
      CommonOptions common,
      String cluster,
      boolean dryRun,
      boolean reboot,
      Duration nodeTimeout)
      throws Exception {
    ClusterFiles files = JournalNodes.provisioned(env, cluster);
    Settings asked = JournalNodes.settings(env, common, cluster);
    try (Narration narration = new Narration(env);
        Connections c =
            Connections.open(
                env, asked, common.simulate, narration.cancellation(), common.requestLog(env));
        ClusterLock lock =
            ClusterLock.acquire(
                files.lock(),
                cluster,
                (dryRun ? "diff " : "apply ") + cluster,
                env.clock(),
                narration.progress()::warn)) {
      Journal journal = Journal.open(files.journal(), env.clock(), narration.progress()::warn);
      JournalChecks.sameDatacenter(journal, cluster, common.simulate, false);
      Settings settings = JournalChecks.runningVersions(journal, c.settings(), cluster, false);
      Talosconfig tc = Talosconfig.read(files.talosconfig());
      List<TalosStage.Node> nodes = JournalNodes.of(journal, tc, cluster);
      // Targets name the pools the cluster has, whatever the document's counts say.
      List<String> pools =
          nodes.stream()
              .map(n -> MachineConfigPatcher.NodeKey.of(cluster, n.hostname(), n.controlPlane()))
              .map(MachineConfigPatcher.NodeKey::pool)
              .distinct()
              .toList();
      List<Problem> problems = ConfigPatches.problems(settings, pools);
      if (!problems.isEmpty()) {
        throw SettingsResolution.invalid(problems);
      }
      String schematic =
          journal
              .value("schematic")
              .orElseThrow(
                  () ->
                      new UserInputException(
                          "the journal of " + cluster + " holds no Image Factory schematic",
                          "run 'ironkube provision --name " + cluster + "' once to record it"));
      TalosIdentity identity = new TalosIdentity(tc.caPem(), tc.certificatePem(), tc.keyPkcs8Pem());
      Duration poll = settings.duration(SettingsCatalogue.TALOS_POLL);
      Duration timeout =
          nodeTimeout != null
              ? nodeTimeout
              : settings.duration(SettingsCatalogue.BOOTSTRAP_TIMEOUT);
      Gate gate = new Gate(journal, dryRun);
      Settings pinned = settings;
      TalosBootstrap talos =
          new TalosBootstrap(
              pinned,
              files,
              gate,
              narration.progress(),
              narration.cancellation(),
              env.clock(),
              () ->
                  new ImageFactoryUrls(
                          pinned.uri(SettingsCatalogue.IMAGE_FACTORY_URL),
                          pinned.uri(SettingsCatalogue.PXE_URL))
                      .installerImage(schematic, pinned.require(SettingsCatalogue.TALOS_VERSION)),
              () -> CiliumManifests.inlineManifests(PlatformWiring.spec(pinned)),
              TalosWiring.schemas(pinned, files));
      String kubeconfig = Files.readString(files.kubeconfig());
      ConfigRollout.Result result;
      try (ApiRollingCluster api =
          new ApiRollingCluster(
              identity,
              TalosClient.APID_PORT,
              kubeconfig,
              tc.endpoints(),
              env.clock(),
              narration.cancellation(),
              line -> {})) {
        ClusterNodes clusterNodes = new ClusterNodes(nodes, dnsName(identity, nodes));
        List<ClusterMember> members =
            nodes.stream()
                .map(n -> new ClusterMember(n.hostname(), n.address(), n.controlPlane()))
                .toList();
        UpgradeContext ctx =
            new UpgradeContext(
                cluster,
                members,
                api,
                gate,
                narration.progress(),
                narration.cancellation(),
                new Wait(env.clock(), narration.cancellation(), new Random()),
                poll,
                timeout,
                timeout);
        result = new ConfigRollout(ctx, talos.nodeConfigs(clusterNodes)).run(dryRun, reboot);
      }
      narration.close();
      return result;
    }
  }

  /**
   * The DNS name clients reach the API by, if the cluster has one: the host of the endpoint the
   * first control plane's running config names, when that is not an address.
   */
  private static Optional<String> dnsName(TalosIdentity identity, List<TalosStage.Node> nodes) {
    try (TalosClient client = TalosClient.secure(nodes.get(0).address(), identity)) {
      return RunningConfig.endpointHost(client.machineConfig())
          .filter(host -> Cidr.ipLiteral(host).isEmpty());
    }
  }
}
