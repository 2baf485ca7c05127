package dev.ironkube.cli;

import dev.ironkube.cli.ui.Table;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.lifecycle.ClusterHealth;
import dev.ironkube.lifecycle.ClusterTarget;
import dev.ironkube.lifecycle.HealthReport;
import dev.ironkube.settings.DurationParser;
import dev.ironkube.talos.api.Polling;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.time.Poller;
import dev.ironkube.time.Sleeper;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `ironkube health <cluster>`: the checks talosctl's health runs, once, as a table or JSON. */
@Command(
    name = "health",
    description = {
      "Check a provisioned cluster the way 'talosctl health' does: etcd healthy and its members"
          + " consistent and on the control planes, apid, trustd and kubelet healthy, every node"
          + " reported, Ready and schedulable, Cilium's agents ready. Each check runs once; the"
          + " exit code is 9 when one fails.",
      "",
      "Examples:",
      "  ironkube health demo",
      "  ironkube health demo -o json"
    })
final class HealthCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster's name.")
  String cluster;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      description =
          "Run the checks again every 2 s until all pass or this long has gone by, as"
              + " 'talosctl health' polls (e.g. 2m); default: once.")
  String wait;

  @Mixin OutputOption output = new OutputOption();

  /** What the latest poll found, printed whether or not the checks came to pass in time. */
  private HealthReport lastReport;

  HealthCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    Duration patience;
    try {
      patience = wait == null ? Duration.ZERO : DurationParser.parse(wait);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(
          "--wait " + wait + " is not a duration", "write it as 90s, 2m or 1h30m");
    }
    CredentialWarnings.print(env, cluster);
    Poller.Poll<HealthReport> seen =
        new Poller(env.clock(), Sleeper.SYSTEM)
            .toleratingInARow(0) // a failed check run ends the command, as it always did
            .reportingTo((detail, fraction) -> env.err().println("waiting for " + detail))
            .lastPoll(patience, Duration.ofSeconds(2), this::poll);
    HealthReport report =
        switch (seen) {
          case Poller.Poll.Done<HealthReport> done -> done.value();
          case Poller.Poll.NotYet<HealthReport> notYet -> lastReport;
        };
    if (output.json()) {
      Json.print(env.out(), report);
    } else {
      env.out().print(table(report));
    }
    if (!report.healthy()) {
      env.err()
          .println(
              "ironkube: cluster "
                  + cluster
                  + " is unhealthy: "
                  + report.firstFailure().map(c -> c.name() + ": " + c.detail()).orElse(""));
      return ExitCodes.UNHEALTHY;
    }
    return ExitCodes.OK;
  }

  private Poller.Poll<HealthReport> poll() {
    lastReport = check(env, cluster);
    return lastReport.healthy()
        ? Poller.Poll.done(lastReport)
        : Poller.Poll.notYet(
            lastReport.firstFailure().map(c -> c.name() + ": " + c.detail()).orElse(""));
  }

  /** Runs every check against the cluster's nodes; {@code status --live} uses it too. */
  static HealthReport check(CliEnvironment env, String cluster) {
    ClusterTarget target =
        ClusterTarget.load(cluster, SettingsResolution.home(env).cluster(cluster), env.clock());
    Polling polling = Polling.defaults().withCallTimeout(Duration.ofSeconds(5));
    return new ClusterHealth(
            address ->
                TalosClient.secure(address, TalosClient.APID_PORT, target.identity(), polling))
        .check(target);
  }

  static String table(HealthReport report) {
    Table t = new Table("CHECK", "RESULT", "DETAIL");
    report.checks().forEach(c -> t.row(c.name(), c.result(), c.detail()));
    return t.render();
  }
}
