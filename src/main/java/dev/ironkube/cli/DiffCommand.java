package dev.ironkube.cli;

import dev.ironkube.workflow.upgrade.ConfigRollout;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** `ironkube diff <cluster>`: what `apply` would change, node by node; changes nothing. */
@Command(
    name = "diff",
    description = {
      "Show how each node's machine config, rendered from the cluster document (with its"
          + " spec.talos.patches), differs from the config the node runs, as a unified diff with"
          + " secrets redacted, and whether Talos needs a reboot for it. Changes nothing; 'ironkube"
          + " apply' applies it.",
      "",
      "Examples:",
      "  ironkube diff demo -f cluster.yaml",
      "  ironkube diff demo -f cluster.yaml -o json"
    })
final class DiffCommand implements Callable<Integer> {
  private final CliEnvironment env;
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster's name.")
  String cluster;

  @Mixin OutputOption output = new OutputOption();

  DiffCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    ConfigRollout.Result result = ConfigRolloutRun.run(env, common, cluster, true, false, null);
    ApplyCommand.print(env.out(), result, output.json());
    return 0;
  }
}
