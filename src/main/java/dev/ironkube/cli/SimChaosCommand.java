package dev.ironkube.cli;

import dev.ironkube.cli.chaos.ChaosRunner;
import dev.ironkube.cli.chaos.ChaosSummary;
import dev.ironkube.cli.ui.Table;
import dev.ironkube.failure.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `ironkube sim chaos`: many provisions under injected faults, checked against invariants. */
@Command(
    name = "chaos",
    description = {
      "Run N end-to-end provisions against fresh simulated datacenters, each with faults drawn from"
          + " the catalogue (provider 429s, 5xx, resets, malformed bodies, stale and stuck statuses,"
          + " out of stock, lost create responses, keep-on-failure, Ctrl-C, kill -9 then resume or"
          + " destroy) and check after every run that nothing is leaked, exit code and last line"
          + " match the outcome, and no secret reached any output.",
      "Reproducible from --seed. Exit code 0 only when no invariant was violated.",
      "",
      "Example:",
      "  ironkube sim chaos --runs 200 --seed 42 -o json > chaos.json"
    })
final class SimChaosCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Option(names = "--runs", paramLabel = "N", description = "Number of runs (default: 20).")
  int runs = 20;

  @Option(names = "--seed", paramLabel = "S", description = "Campaign seed (default: 1).")
  long seed = 1;

  @Option(
      names = "--scale",
      paramLabel = "X",
      description = "Time scale of the simulated datacenter (default: 0.0005).")
  double scale = 0.0005;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "table or json (default: table).")
  OutputFormat output = OutputFormat.table;

  SimChaosCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    if (runs < 1) {
      throw new dev.ironkube.failure.UserInputException("--runs must be at least 1", "");
    }
    ChaosSummary s = new ChaosRunner(seed, scale, env.err()).run(runs);
    if (output == OutputFormat.json) {
      Json.print(env.out(), s);
    } else {
      Table t = new Table("OUTCOME", "RUNS");
      s.outcomes().forEach(t::row);
      env.out().print(t.render());
      env.out().println();
      Table k = new Table("SCENARIO", "RUNS");
      s.scenarios().forEach(k::row);
      env.out().print(k.render());
      env.out()
          .printf(
              "%nruns: %d  seed: %d  invariant violations: %d  time: %d s%n",
              s.runs(), s.seed(), s.violations(), s.millis() / 1000);
    }
    return s.violations() == 0 ? ExitCodes.OK : ExitCodes.PROVISION_FAILED;
  }
}
