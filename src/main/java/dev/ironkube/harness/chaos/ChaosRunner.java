package dev.ironkube.harness.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Runs N chaos runs, each with a scenario drawn from the catalogue by a random source seeded from
 * the campaign's seed, so a campaign (and any single run, from its own seed) is reproducible.
 */
public final class ChaosRunner {
  private final long seed;
  private final double scale;
  private final PrintStream progress;

  public ChaosRunner(long seed, double scale, PrintStream progress) {
    this.seed = seed;
    this.scale = scale;
    this.progress = progress;
  }

  public ChaosSummary run(int runs) throws IOException, InterruptedException {
    return run(runs, List.of());
  }

  /**
   * Runs the named scenarios in order (each with its own seed from the campaign), or {@code runs}
   * drawn at random when {@code scenarios} is empty.
   */
  public ChaosSummary run(int runs, List<String> scenarios)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    Path work = Files.createTempDirectory("ironkube-chaos");
    if (!scenarios.isEmpty()) {
      runs = scenarios.size();
    }
    try {
      Random campaign = new Random(seed);
      // A real run takes about 8 modelled minutes to a booted node; scaled, that is when to strike.
      Duration typical = Duration.ofMillis(Math.max(200, (long) (8 * 60_000 * scale)));
      ChaosRun one = new ChaosRun(scale, work, typical);
      List<RunResult> results = new ArrayList<>();
      int aimed = 0;
      for (int i = 1; i <= runs; i++) {
        long runSeed = campaign.nextLong();
        Random draw = new Random(runSeed);
        String kind = scenarios.isEmpty() ? Catalogue.drawKind(draw) : scenarios.get(i - 1);
        if (kind.equals(Catalogue.CTRL_C_PHASE)) {
          // In turn, so that a campaign with a dozen of these strikes every phase once.
          kind = Catalogue.CTRL_C_AT + PipelinePhases.ALL.get(aimed++ % PipelinePhases.ALL.size());
        }
        Scenario scenario = Catalogue.build(kind, draw);
        RunResult r = one.execute(i, runSeed, scenario);
        results.add(r);
        progress.printf(
            "run %3d/%d  %-26s %-34s %-7s %-22s exit %3d  %5d ms  %s%n",
            i,
            runs,
            r.scenario(),
            r.profile(),
            r.topology() + (r.scaledDown() ? ",sd" : ""),
            r.outcome(),
            r.exitCode(),
            r.millis(),
            r.violations().isEmpty() ? "ok" : "VIOLATIONS: " + String.join("; ", r.violations()));
      }
      return ChaosSummary.of(seed, results, (System.nanoTime() - started) / 1_000_000);
    } finally {
      deleteTree(work);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
