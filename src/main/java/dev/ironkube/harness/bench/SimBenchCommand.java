package dev.ironkube.harness.bench;

import dev.ironkube.cli.CliEnvironment;
import dev.ironkube.cli.Json;
import dev.ironkube.cli.OutputFormat;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `ironkube sim bench`: the tool's own overhead, request budget, memory and start-up, measured. */
@Command(
    name = "bench",
    description = {
      "Provision against the simulated datacenter with a fixed duration model shaped after real"
          + " Latitude and Talos timings (scaled: at 0.1 a 10-minute critical path takes a minute)"
          + " and report wall time against the model's floor, how long each wait took to notice"
          + " its event, provider requests against Latitude's limits, peak memory, and the"
          + " modelled time to cluster of ironkube's direct iPXE order against an Ubuntu-then-"
          + "reinstall order.",
      "--startup measures start-up instead: java -version, then ironkube --version, --help and"
          + " the read commands (plans, regions, status, kubeconfig, config show) as launched by users against the simulated datacenter's API, each as a"
          + " median and as a ratio to java -version; and secrets plus config for one node.",
      "Exit code 0 only when every target is met.",
      "",
      "Examples:",
      "  ironkube sim bench",
      "  ironkube sim bench --runs 3 -o json > bench.json",
      "  ironkube sim bench --startup",
      "  ironkube sim bench --nodes 3+2 --runs 2      # 5 nodes against one"
    })
final class SimBenchCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Option(names = "--runs", paramLabel = "N", description = "Provisions to run (default: 1).")
  int runs = 1;

  @Option(
      names = "--scale",
      paramLabel = "X",
      description = "Scale of the duration model (default: 0.1, about a minute a run).")
  double scale = 0.1;

  @Option(names = "--no-rss", description = "Skip the child-JVM run that measures peak memory.")
  boolean noRss;

  @Option(names = "--startup", description = "Measure start-up times instead of a provision.")
  boolean startup;

  @Option(
      names = "--startup-runs",
      paramLabel = "N",
      description = "Runs per start-up figure, after one warm-up (default: 5).")
  int startupRuns = 5;

  @Option(
      names = "--nodes",
      paramLabel = "CP+W",
      description =
          "Compare a cluster of CP control planes and W workers (such as 3+2) with one node,"
              + " alternating --runs times; the target is at most 1.25 times one node's wall time.")
  String nodes;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "table or json (default: table).")
  OutputFormat output = OutputFormat.table;

  SimBenchCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    if (runs < 1 || startupRuns < 1) {
      throw new UserInputException("--runs and --startup-runs must be at least 1", "");
    }
    if (!(scale > 0 && scale <= 1)) {
      throw new UserInputException("--scale must be above 0 and at most 1", "such as 0.1");
    }
    if (startup) {
      List<?> figures = Benchmark.startup(startupRuns);
      if (output == OutputFormat.json) {
        Json.print(env.out(), figures);
      } else {
        Benchmark.printStartup(env.out(), figures);
      }
      return Benchmark.startupMeetsTargets(figures) ? ExitCodes.OK : ExitCodes.PROVISION_FAILED;
    }
    if (nodes != null) {
      var m = Pattern.compile("([13])\\+(\\d{1,2})").matcher(nodes);
      if (!m.matches()) {
        throw new UserInputException(
            "--nodes " + nodes + " is not CP+W", "use 1 or 3 control planes, such as --nodes 3+2");
      }
      Benchmark.MultiNode result =
          Benchmark.multiNode(
              scale, runs, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), env.err());
      if (output == OutputFormat.json) {
        Json.print(env.out(), result);
      } else {
        Benchmark.printMultiNode(env.out(), result);
      }
      return result.meetsTarget() ? ExitCodes.OK : ExitCodes.PROVISION_FAILED;
    }
    BenchReport report = Benchmark.provision(scale, runs, !noRss, env.err());
    if (output == OutputFormat.json) {
      Json.print(env.out(), report);
    } else {
      Benchmark.printTable(env.out(), report);
    }
    return report.meetsTargets() ? ExitCodes.OK : ExitCodes.PROVISION_FAILED;
  }
}
