package dev.ironkube.cli;

import dev.ironkube.cli.ui.Table;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.store.IronkubeHome;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.Journal.Owned;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** `ironkube status [<cluster>]`: what ironkube knows about its clusters, from their journals. */
@Command(
    name = "status",
    description = {
      "Show the clusters in $IRONKUBE_HOME with their last outcome and what they own; with a"
          + " name, that cluster's resources and files. Reads local journals only.",
      "",
      "Examples:",
      "  ironkube status",
      "  ironkube status demo -o json"
    })
final class StatusCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CLUSTER", description = "One cluster.")
  String cluster;

  @Mixin OutputOption output = new OutputOption();

  @picocli.CommandLine.Option(
      names = "--live",
      description =
          "With a cluster: also ask its nodes, running the checks of 'ironkube health' (exit 9"
              + " when one fails).")
  boolean live;

  StatusCommand(CliEnvironment env) {
    this.env = env;
  }

  /** One cluster's state as the journal tells it. */
  record ClusterStatus(
      String name,
      boolean simulated,
      String outcome,
      String plan,
      String site,
      String price,
      String ipv4,
      List<Resource> resources,
      List<NodeStatus> nodes,
      String talosconfig,
      String kubeconfig,
      String journalDamage,
      String talosVersion,
      String kubernetesVersion,
      String restore) {}

  /** One resource the cluster owns, as the journal recorded it. */
  record Resource(String system, String kind, String name, String id) {
    String line() {
      return system + " " + kind + " " + name + " (" + id + ")";
    }
  }

  /** One server of the cluster. */
  record NodeStatus(String hostname, String serverId, String ipv4) {}

  @Override
  public Integer call() {
    IronkubeHome home = SettingsResolution.home(env);
    List<String> names = cluster == null ? home.clusterNames() : List.of(cluster);
    List<ClusterStatus> statuses = new ArrayList<>();
    for (String n : names) {
      ClusterFiles files = home.cluster(n);
      if (!files.exists()) {
        throw new UserInputException(
            "no cluster named " + n + " in " + home.root(),
            "'ironkube status' lists the known clusters",
            ExitCodes.NOT_FOUND);
      }
      Journal j = Journal.open(files.journal(), env.clock(), line -> {});
      CredentialWarnings.print(env, n);
      var damage = j.damage();
      if (!damage.isClean()) {
        env.err()
            .println(
                "ironkube: the journal of cluster "
                    + n
                    + " ("
                    + files.journal()
                    + "): "
                    + damage.summary()
                    + (damage.isCorrupt()
                        ? "; what it lists may be incomplete. 'ironkube destroy "
                            + n
                            + "' still finds the cluster's resources by their markers"
                        : ""));
      }
      List<Resource> resources = new ArrayList<>();
      for (Owned o : j.owned()) {
        resources.add(new Resource(o.system(), o.ref().kind(), o.ref().name(), o.ref().id()));
      }
      statuses.add(
          new ClusterStatus(
              n,
              JournalChecks.simulated(j),
              damage.isCorrupt()
                  ? "unknown (journal damaged)"
                  : damage.outcomeUncertain()
                      ? "unknown (journal's last entry cut off)"
                      : j.lastOutcome().orElse("in progress or interrupted"),
              j.value("plan").orElse(null),
              j.value("site").orElse(null),
              j.value("price").orElse(null),
              j.value("ipv4").orElse(null),
              resources,
              j.owned().stream()
                  .filter(o -> o.ref().kind().equals(ResourceRef.SERVER))
                  .map(
                      o ->
                          new NodeStatus(
                              o.ref().name(),
                              o.ref().id(),
                              j.value("ipv4 " + o.ref().name())
                                  .or(() -> j.value("ipv4"))
                                  .orElse(null)))
                  .toList(),
              Files.exists(files.talosconfig()) ? files.talosconfig().toString() : null,
              Files.exists(files.kubeconfig()) ? files.kubeconfig().toString() : null,
              damage.isClean() ? null : damage.summary(),
              j.value(JournalChecks.TALOS_VERSION).orElse(null),
              j.value(JournalChecks.KUBERNETES_VERSION).orElse(null),
              JournalChecks.restore(j, n).orElse(null)));
    }
    if (live && cluster == null) {
      throw new UserInputException(
          "--live needs a cluster name", "run 'ironkube status <cluster> --live'");
    }
    dev.ironkube.lifecycle.HealthReport health = live ? HealthCommand.check(env, cluster) : null;
    int exit = health == null || health.healthy() ? 0 : ExitCodes.UNHEALTHY;
    if (output.json()) {
      Json.print(
          env.out(),
          cluster == null
              ? statuses
              : health == null ? statuses.get(0) : new LiveStatus(statuses.get(0), health));
      return exit;
    }
    if (cluster == null) {
      Table t = new Table("CLUSTER", "OUTCOME", "PLAN", "SITE", "IP", "NODES", "RESOURCES");
      statuses.forEach(
          s ->
              t.row(
                  s.simulated() ? s.name() + " (simulated)" : s.name(),
                  s.outcome(),
                  s.plan(),
                  s.site(),
                  s.ipv4(),
                  s.nodes().size(),
                  s.resources().size()));
      env.out().print(t.render());
      if (statuses.isEmpty()) {
        env.err().println("ironkube: no clusters in " + home.root());
      }
      return 0;
    }
    ClusterStatus s = statuses.get(0);
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("Cluster", s.name());
    rows.put("Outcome", s.outcome());
    rows.put(
        "Plan",
        s.plan() == null
            ? "-"
            : s.plan()
                + " at "
                + s.site()
                + " ("
                + s.price()
                + (s.simulated() ? "; simulated: nothing is billed" : "")
                + ")");
    if (s.nodes().size() <= 1) {
      rows.put("Server IP", s.ipv4() == null ? "-" : s.ipv4());
    }
    if (s.talosVersion() != null) {
      rows.put(
          "Versions",
          "Talos "
              + s.talosVersion()
              + (s.kubernetesVersion() == null ? "" : ", Kubernetes " + s.kubernetesVersion()));
    }
    if (s.restore() != null) {
      rows.put("Restore", s.restore());
    }
    rows.put("Talosconfig", s.talosconfig() == null ? "-" : s.talosconfig());
    rows.put("Kubeconfig", s.kubeconfig() == null ? "-" : s.kubeconfig());
    if (s.journalDamage() != null) {
      rows.put("Journal", "DAMAGED: " + s.journalDamage());
    }
    rows.forEach((k, v) -> env.out().printf("%-12s %s%n", k + ":", v));
    if (s.nodes().size() > 1) {
      env.out().println("Nodes:");
      s.nodes()
          .forEach(
              n ->
                  env.out()
                      .printf(
                          "  %-24s %-15s %s%n",
                          n.hostname(), n.ipv4() == null ? "-" : n.ipv4(), n.serverId()));
    }
    env.out().println("Resources:");
    if (s.resources().isEmpty()) {
      env.out().println("  none");
    }
    s.resources().forEach(r -> env.out().println("  " + r.line()));
    if (health != null) {
      env.out().println("Health:");
      HealthCommand.table(health).lines().forEach(l -> env.out().println("  " + l));
    }
    return exit;
  }

  /** {@code status <cluster> --live -o json}: what the journal says, and what the nodes say. */
  record LiveStatus(
      @com.fasterxml.jackson.annotation.JsonUnwrapped ClusterStatus status,
      dev.ironkube.lifecycle.HealthReport health) {}
}
