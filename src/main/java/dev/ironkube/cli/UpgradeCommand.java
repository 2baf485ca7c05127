package dev.ironkube.cli;

import dev.ironkube.cli.ui.Table;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.settings.DurationParser;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.store.ClusterLock;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.talos.api.TalosIdentity;
import dev.ironkube.talos.talosconfig.Talosconfig;
import dev.ironkube.talos.upgrade.ApiRollingCluster;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.Wait;
import dev.ironkube.workflow.upgrade.ClusterMember;
import dev.ironkube.workflow.upgrade.KubernetesRollout;
import dev.ironkube.workflow.upgrade.TalosRollout;
import dev.ironkube.workflow.upgrade.UpgradeContext;
import dev.ironkube.workflow.upgrade.UpgradePlan;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `ironkube upgrade <cluster> --talos-version V | --kubernetes-version V`: a rolling upgrade. */
@Command(
    name = "upgrade",
    description = {
      "Upgrade a provisioned cluster's Talos or Kubernetes, one node at a time, control planes"
          + " first; the cluster keeps serving throughout.",
      "",
      "Talos: each node gets the Upgrade call with the Image Factory installer of the cluster's"
          + " schematic and reboots into it; a control plane only while etcd is healthy with every"
          + " member and keeps quorum without it, a worker cordoned and drained first. Each node"
          + " must come back on the new version, healthy and Ready, before the next starts. One"
          + " minor at a time and no downgrade (Talos tests config migration only between"
          + " adjacent minors) unless --force.",
      "",
      "Kubernetes: talosctl upgrade-k8s's path, without reboots: the API server, controller"
          + " manager and scheduler images on each control plane, then kube-proxy, then the"
          + " kubelet on every node; one minor at a time, within what the nodes' Talos supports.",
      "",
      "Every step is journaled; a stopped or interrupted upgrade continues where it stopped"
          + " when the same command runs again.",
      "",
      "Examples:",
      "  ironkube upgrade demo --talos-version v1.14.6 --dry-run",
      "  ironkube upgrade demo --talos-version v1.14.6",
      "  ironkube upgrade demo --kubernetes-version v1.37.1 -o json"
    })
final class UpgradeCommand implements Callable<Integer> {
  private final CliEnvironment env;
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster's name.")
  String cluster;

  @ArgGroup(multiplicity = "1")
  Target target;

  /** Exactly one of the two. */
  static final class Target {
    @Option(
        names = "--talos-version",
        paramLabel = "vX.Y.Z",
        description = "Upgrade Talos on every node to this release.")
    String talos;

    @Option(
        names = "--kubernetes-version",
        paramLabel = "vA.B.C",
        description = "Upgrade Kubernetes to this version.")
    String kubernetes;
  }

  @Option(
      names = "--force",
      description = "Allow a Talos downgrade or a skipped minor (Talos does not test either).")
  boolean force;

  @Option(names = "--dry-run", description = "Print the plan; change nothing.")
  boolean dryRun;

  @Option(
      names = "--node-timeout",
      paramLabel = "DURATION",
      description =
          "How long one node may take to come back, e.g. 20m (default:"
              + " spec.waits.bootstrapTimeout).")
  String nodeTimeout;

  @Mixin OutputOption output = new OutputOption();

  UpgradeCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    ClusterFiles files = JournalNodes.provisioned(env, cluster);
    // Only the waits are read: an upgrade speaks to the nodes, never to the provider, so the
    // provider's settings (keys, a Scaleway project) need not be valid or present.
    Settings asked = JournalNodes.settings(env, common, cluster);
    Settings settings = common.simulate ? SimulatedBackend.require().accountDefaults(asked) : asked;
    try (Narration narration = new Narration(env);
        ClusterLock lock =
            ClusterLock.acquire(
                files.lock(),
                cluster,
                "upgrade " + cluster,
                env.clock(),
                narration.progress()::warn)) {
      // A dry run reads the journal (what an earlier run did) and the gate refuses every change.
      Journal journal = Journal.open(files.journal(), env.clock(), narration.progress()::warn);
      Talosconfig tc = Talosconfig.read(files.talosconfig());
      List<ClusterMember> members = members(journal, tc);
      String kubeconfig = Files.readString(files.kubeconfig());
      Duration poll = settings.duration(SettingsCatalogue.TALOS_POLL);
      Duration timeout =
          nodeTimeout != null
              ? DurationParser.parse(nodeTimeout)
              : settings.duration(SettingsCatalogue.BOOTSTRAP_TIMEOUT);
      UpgradePlan plan;
      try (ApiRollingCluster nodes =
          new ApiRollingCluster(
              new TalosIdentity(tc.caPem(), tc.certificatePem(), tc.keyPkcs8Pem()),
              TalosClient.APID_PORT,
              kubeconfig,
              tc.endpoints(),
              env.clock(),
              narration.cancellation(),
              line -> {})) {
        UpgradeContext ctx =
            new UpgradeContext(
                cluster,
                members,
                nodes,
                new Gate(journal, dryRun),
                narration.progress(),
                narration.cancellation(),
                new Wait(env.clock(), narration.cancellation(), new Random()),
                poll,
                timeout,
                timeout);
        if (target.talos != null) {
          String schematic =
              journal
                  .value("schematic")
                  .orElseThrow(
                      () ->
                          new UserInputException(
                              "the journal of " + cluster + " holds no Image Factory schematic",
                              "run 'ironkube provision --name " + cluster + "' once to record it"));
          plan = new TalosRollout(ctx).run(target.talos, schematic, force, dryRun);
        } else {
          plan = new KubernetesRollout(ctx).run(target.kubernetes, dryRun);
        }
      }
      narration.close();
      print(plan);
      return 0;
    }
  }

  /** Every node the journal owns with its address; control planes are the talosconfig's. */
  private List<ClusterMember> members(Journal journal, Talosconfig tc) {
    return JournalNodes.of(journal, tc, cluster).stream()
        .map(n -> new ClusterMember(n.hostname(), n.address(), n.controlPlane()))
        .toList();
  }

  private void print(UpgradePlan plan) {
    if (output.json()) {
      Json.print(env.out(), plan);
      return;
    }
    Table t = new Table("NODE", "ROLE", "FROM", "ACTION", "STATE");
    for (UpgradePlan.Step s : plan.steps()) {
      t.row(s.node(), s.role(), s.from(), s.action(), s.state());
    }
    env.out()
        .println(
            (plan.kind().equals("talos") ? "Talos " : "Kubernetes ")
                + plan.from()
                + " -> "
                + plan.to()
                + (plan.image() == null ? "" : " (" + plan.image() + ")"));
    env.out().print(t.render());
  }
}
