package dev.ironkube.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The entry points of {@code ironkube sim bench}: the provision benchmark and start-up figures. */
public final class Benchmark {
  private Benchmark() {}

  /**
   * Runs {@code runs} provisions at {@code scale}, then (when {@code rss}) one more in a child JVM
   * for its peak memory, narrating on {@code err}.
   */
  public static BenchReport provision(double scale, int runs, boolean rss, PrintStream err)
      throws IOException, InterruptedException {
    BenchModel model = new BenchModel(scale);
    err.printf(
        Locale.ROOT,
        "ironkube bench: %d run(s) at scale %s, floor %.1f s each%n",
        runs,
        scale,
        model.floor().toMillis() / 1000.0);
    List<BenchRun.Result> results = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      BenchRun.Result r = BenchRun.run(model);
      err.printf(
          Locale.ROOT,
          "  run %d: exit %d, wall %.1f s, overhead %.1f %%%n",
          i,
          r.exitCode(),
          r.wallMillis() / 1000,
          r.overhead() * 100);
      results.add(r);
    }
    PeakRss.Result memory = null;
    if (rss) {
      err.println("  peak RSS: one provision in a child JVM ...");
      memory = PeakRss.measure(ChildJvm.detect(), scale);
    }
    return BenchReport.of(model, results, memory);
  }

  public static void printTable(PrintStream out, BenchReport report) {
    BenchTable.print(out, report);
  }

  /** Start-up figures, each the median of {@code runs} after a warm-up. */
  public static List<?> startup(int runs) throws IOException, InterruptedException {
    return StartupBench.measure(ChildJvm.detect(), runs);
  }

  @SuppressWarnings("unchecked")
  public static void printStartup(PrintStream out, List<?> figures) {
    BenchTable.printStartup(out, (List<StartupBench.Figure>) figures);
  }

  @SuppressWarnings("unchecked")
  public static boolean startupMeetsTargets(List<?> figures) {
    return StartupBench.meetsTargets((List<StartupBench.Figure>) figures);
  }
}
