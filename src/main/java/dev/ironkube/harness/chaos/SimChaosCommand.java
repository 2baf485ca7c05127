package dev.ironkube.harness.chaos;

import dev.ironkube.cli.CliEnvironment;
import dev.ironkube.cli.Json;
import dev.ironkube.cli.OutputFormat;
import dev.ironkube.cli.ui.Table;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `ironkube sim chaos`: many provisions under injected faults, checked against invariants. */
@Command(
    name = "chaos",
    description = {
      "Run N end-to-end provisions against fresh simulated datacenters, each with faults drawn from"
          + " the catalogue (provider 429s, 5xx, resets, malformed bodies, stale and stuck statuses,"
          + " out of stock, lost create responses, keep-on-failure, Talos and platform failures,"
          + " Cloudflare, Infisical and Teleport faults, Ctrl-C at random and aimed at each phase,"
          + " kill -9 then resume or destroy, a control plane that never joins, a worker never"
          + " Ready) on Latitude.sh or Scaleway, with or without the integrations, on one node or"
          + " (about a fifth of runs) a small multi-node cluster, and check after every run that nothing is leaked, exit code and last"
          + " line match the outcome, and no secret reached any output.",
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
      names = "--scenario",
      paramLabel = "KIND",
      description =
          "Run these catalogue kinds in order instead of drawing --runs at random (repeatable;"
              + " ctrl-c@PHASE aims Ctrl-C at a phase; KIND/CP+W fixes the topology, e.g."
              + " none/1+1).")
  List<String> scenarios = new ArrayList<>();

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
      throw new UserInputException("--runs must be at least 1", "");
    }
    for (String kind : scenarios) {
      // Unknown kinds are refused before any run starts.
      try {
        Catalogue.build(kind, new Random(seed));
      } catch (IllegalArgumentException e) {
        throw new UserInputException(
            e.getMessage(), "the kinds are listed in the README's reliability section");
      }
    }
    ChaosSummary s = new ChaosRunner(seed, scale, env.err()).run(runs, scenarios);
    if (output == OutputFormat.json) {
      Json.print(env.out(), s);
    } else {
      Table t = new Table("OUTCOME", "RUNS");
      s.outcomes().forEach(t::row);
      env.out().print(t.render());
      env.out().println();
      Table k = new Table("SCENARIO", "RUNS", "OUTCOMES");
      s.scenarios().forEach((name, n) -> k.row(name, n, counts(s.outcomesByScenario().get(name))));
      env.out().print(k.render());
      env.out().println();
      Table w = new Table("WORLD", "RUNS");
      s.profiles().forEach(w::row);
      env.out().print(w.render());
      env.out().println();
      Table tp = new Table("TOPOLOGY", "RUNS", "OUTCOMES");
      s.outcomesByTopology()
          .forEach(
              (topo, byOutcome) ->
                  tp.row(
                      topo,
                      byOutcome.values().stream().mapToInt(Integer::intValue).sum(),
                      counts(byOutcome)));
      env.out().print(tp.render());
      env.out().printf("scale-downs after a multi-node success: %d%n%n", s.scaleDowns());
      Table c = new Table("CTRL-C AT PHASE", "RUNS", "OUTCOMES");
      s.ctrlCByPhase()
          .forEach(
              (phase, byOutcome) ->
                  c.row(
                      phase,
                      byOutcome.values().stream().mapToInt(Integer::intValue).sum(),
                      counts(byOutcome)));
      env.out().print(c.render());
      for (var failed : s.failedRuns()) {
        env.out()
            .printf(
                "%nrun %d (%s, %s, %s, seed %d): %s%n",
                failed.index(),
                failed.scenario(),
                failed.profile(),
                failed.topology(),
                failed.seed(),
                String.join("; ", failed.violations()));
      }
      env.out()
          .printf(
              "%nruns: %d  seed: %d  invariant violations: %d  time: %d s%n",
              s.runs(), s.seed(), s.violations(), s.millis() / 1000);
    }
    return s.violations() == 0 ? ExitCodes.OK : ExitCodes.PROVISION_FAILED;
  }

  /** "provisioned 3, failed-cleaned 1". */
  private static String counts(Map<String, Integer> byOutcome) {
    return byOutcome.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
