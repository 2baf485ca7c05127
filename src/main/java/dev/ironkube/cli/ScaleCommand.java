package dev.ironkube.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `ironkube scale <cluster> --pool workers --count N`: add or remove workers. */
@Command(
    name = "scale",
    description = {
      "Set a worker pool of a provisioned cluster to N nodes. New servers are ordered in parallel,"
          + " booted and joined; surplus ones (the highest-numbered) are drained, deleted from"
          + " Kubernetes, reset and deleted at the provider. Every node's config is then rewritten"
          + " for the new member list (certSANs, firewall) without a reboot.",
      "",
      "The count is remembered in the cluster's journal, so a later 'ironkube provision' keeps"
          + " it. Control planes stay at 1 or 3. A locked-down cluster cannot be scaled from here:"
          + " its Talos API no longer answers this machine.",
      "",
      "Examples:",
      "  ironkube scale demo --count 3                 # the default pool, 'workers'",
      "  ironkube scale prod --pool gpu --count 0 --yes"
    })
final class ScaleCommand implements Callable<Integer> {
  private final CliEnvironment env;
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster's name.")
  String cluster;

  @Option(
      names = "--pool",
      paramLabel = "POOL",
      description = "The worker pool (default: workers).")
  String pool = "workers";

  @Option(
      names = "--count",
      required = true,
      paramLabel = "N",
      description = "How many nodes the pool should have.")
  int count;

  @Option(
      names = {"-y", "--yes"},
      description = "Never prompt; fail clearly when a choice is missing.")
  boolean yes;

  @Option(
      names = "--keep-on-failure",
      description = "Keep the nodes this run added when a step fails (they keep billing).")
  boolean keepOnFailure;

  @Mixin OutputOption output = new OutputOption();

  ScaleCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    ProvisionCommand provision = new ProvisionCommand(env);
    provision.common = common;
    provision.name = cluster;
    provision.yes = yes;
    provision.keepOnFailure = keepOnFailure;
    provision.output.format = output.format;
    return provision.execute(
        "scale --pool " + pool + " --count " + count, workflow -> workflow.scale(pool, count));
  }
}
