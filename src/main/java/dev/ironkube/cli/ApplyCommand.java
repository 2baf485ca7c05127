package dev.ironkube.cli;

import dev.ironkube.cli.ui.Table;
import dev.ironkube.settings.DurationParser;
import dev.ironkube.workflow.upgrade.ConfigRollout;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `ironkube apply <cluster>`: the document's config (patches included) onto every node. */
@Command(
    name = "apply",
    description = {
      "Render every node's machine config from the cluster document (with its"
          + " spec.talos.patches), show what differs from what the node runs (secrets redacted)"
          + " and apply it, one node at a time, control planes first.",
      "",
      "A change is applied without a reboot when Talos allows it (from Talos 1.14, every"
          + " change). Otherwise it is staged for the node's next boot, or with --reboot the node"
          + " reboots into it behind the upgrade's gates: etcd healthy and keeping quorum before a"
          + " control plane goes, a worker cordoned and drained, each node back, healthy and"
          + " Ready before the next. A stopped run continues when run again.",
      "",
      "Examples:",
      "  ironkube apply demo -f cluster.yaml --dry-run",
      "  ironkube apply demo -f cluster.yaml",
      "  ironkube apply demo -f cluster.yaml --reboot -o json"
    })
final class ApplyCommand implements Callable<Integer> {
  private final CliEnvironment env;
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster's name.")
  String cluster;

  @Option(names = "--dry-run", description = "Show the differences and the plan; change nothing.")
  boolean dryRun;

  @Option(
      names = "--reboot",
      description = "Reboot a node into a change Talos cannot apply live, instead of staging it.")
  boolean reboot;

  @Option(
      names = "--node-timeout",
      paramLabel = "DURATION",
      description =
          "How long a rebooted node may take to come back, e.g. 20m (default:"
              + " spec.waits.bootstrapTimeout).")
  String nodeTimeout;

  @Mixin OutputOption output = new OutputOption();

  ApplyCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    ConfigRollout.Result result =
        ConfigRolloutRun.run(
            env,
            common,
            cluster,
            dryRun,
            reboot,
            nodeTimeout == null ? null : DurationParser.parse(nodeTimeout));
    print(env.out(), result, output.json());
    return 0;
  }

  /** The table of nodes, then each changed node's diff; or the result as JSON. */
  static void print(PrintStream out, ConfigRollout.Result result, boolean json) {
    if (json) {
      Json.print(out, result);
      return;
    }
    Table t = new Table("NODE", "ROLE", "CHANGE", "NEEDS REBOOT");
    for (ConfigRollout.Step s : result.steps()) {
      t.row(s.node(), s.role(), s.change(), s.change().equals("unchanged") ? "" : yes(s));
    }
    out.print(t.render());
    for (ConfigRollout.Step s : result.steps()) {
      if (!s.diff().isEmpty()) {
        out.println();
        out.print(s.diff());
      }
    }
  }

  private static String yes(ConfigRollout.Step s) {
    return s.rebootNeeded() ? "yes" : "no";
  }
}
