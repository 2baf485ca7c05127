package dev.ironkube.harness.bench;

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

  /**
   * Wall time of a multi-node cluster against one node's, on the same model, alternating {@code
   * runs} times so both see the same machine load.
   *
   * @param singleMillis wall time of each one-node run
   * @param multiMillis wall time of each multi-node run
   * @param ratio median multi over median single
   */
  public record MultiNode(
      int controlPlanes,
      int workers,
      double scale,
      List<Double> singleMillis,
      List<Double> multiMillis,
      double singleFloorMillis,
      double multiFloorMillis,
      double ratio,
      double target) {
    public boolean meetsTarget() {
      return ratio <= target;
    }
  }

  public static final double MULTI_NODE_TARGET = 1.25;

  public static MultiNode multiNode(
      double scale, int runs, int controlPlanes, int workers, PrintStream err) throws IOException {
    BenchModel model = new BenchModel(scale);
    List<Double> single = new ArrayList<>();
    List<Double> multi = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      BenchRun.Result one = BenchRun.run(model, 1, 0);
      BenchRun.Result many = BenchRun.run(model, controlPlanes, workers);
      if (one.exitCode() != 0 || many.exitCode() != 0) {
        throw new IllegalStateException(
            "a bench run failed: " + (one.exitCode() != 0 ? one.error() : many.error()));
      }
      err.printf(
          Locale.ROOT,
          "  run %d: one node %.1f s, %d+%d nodes %.1f s%n",
          i,
          one.wallMillis() / 1000,
          controlPlanes,
          workers,
          many.wallMillis() / 1000);
      single.add(one.wallMillis());
      multi.add(many.wallMillis());
    }
    return new MultiNode(
        controlPlanes,
        workers,
        scale,
        single,
        multi,
        model.floor(1).toNanos() / 1e6,
        model.floor(controlPlanes).toNanos() / 1e6,
        Stats.median(multi) / Stats.median(single),
        MULTI_NODE_TARGET);
  }

  public static void printMultiNode(PrintStream out, MultiNode m) {
    out.printf(
        Locale.ROOT,
        "%-34s %10s %10s%n%-34s %9.1fs %9.1fs%n%-34s %9.1fs %9.1fs%n%-34s %10.2f %10s%n",
        "",
        "one node",
        m.controlPlanes() + "+" + m.workers() + " nodes",
        "wall time (median of " + m.singleMillis().size() + ")",
        Stats.median(m.singleMillis()) / 1000,
        Stats.median(m.multiMillis()) / 1000,
        "modelled floor",
        m.singleFloorMillis() / 1000,
        m.multiFloorMillis() / 1000,
        "ratio (target <= " + m.target() + ")",
        m.ratio(),
        m.meetsTarget() ? "met" : "MISSED");
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
