package dev.ironkube.harness.bench;

import dev.ironkube.cli.ui.Table;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The human form of the benchmark's findings: tables and a few lines of verdicts. */
final class BenchTable {
  private BenchTable() {}

  static void print(PrintStream out, BenchReport r) {
    out.printf(
        Locale.ROOT,
        "provision: wall %.1f s, floor %.1f s, overhead %.1f %% (worst run %.1f %%; target <= %.0f"
            + " %%)%n%n",
        r.wallMillisMedian() / 1000,
        r.floorMillis() / 1000,
        r.overheadMedian() * 100,
        r.overheadMax() * 100,
        BenchReport.TARGET_OVERHEAD * 100);
    Table waits = new Table("WAIT", "LAG P50 MS", "LAG MAX MS", "P50 MODELLED S");
    for (BenchReport.WaitSummary w : r.waits()) {
      waits.row(w.label(), fmt(w.p50Millis()), fmt(w.maxMillis()), fmt2(w.p50ModelledSeconds()));
    }
    out.print(waits.render());
    out.printf(
        Locale.ROOT,
        "(target: p50 <= %.0f s per wait, wall clock; modelled = wall / scale, an upper bound)%n%n",
        BenchReport.TARGET_LAG_SECONDS);
    RequestBudget q = r.requests();
    if (q != null) {
      Table endpoints = new Table("ENDPOINT", "REQUESTS");
      q.byEndpoint().forEach(endpoints::row);
      out.print(endpoints.render());
      out.printf(
          Locale.ROOT,
          "provider: %d reads, %d writes for %d server(s); %.1f reads and %.1f writes per modelled"
              + " minute (Latitude allows %d and %d per key)%n",
          q.reads(),
          q.writes(),
          q.servers(),
          q.readsPerMinute(),
          q.writesPerMinute(),
          RequestBudget.LATITUDE_READS_PER_MINUTE,
          RequestBudget.LATITUDE_WRITES_PER_MINUTE);
      out.printf(
          Locale.ROOT,
          "status reads while waiting: %d, %.1f per server-minute (target <= %.0f)%n%n",
          q.statusReads(),
          q.statusReadsPerServerMinute(),
          BenchReport.TARGET_STATUS_READS_PER_SERVER_MINUTE);
    }
    BenchReport.TimeToCluster t = r.timeToCluster();
    out.printf(
        Locale.ROOT,
        "modelled time to cluster: %.1f min creating in iPXE mode (ironkube) vs %.1f min Ubuntu"
            + " then reinstall (seed): %.1f min saved%n",
        t.ironkubeMinutes(),
        t.seedMinutes(),
        t.savedMinutes());
    if (r.peakRss() != null) {
      PeakRss.Result m = r.peakRss();
      out.printf(
          Locale.ROOT,
          "peak RSS: %.0f MiB (VmHWM of a child provision incl. its simulator, %s: exit %d in"
              + " %.1f s; target < 256 MiB)%n",
          m.peakKiB() / 1024.0,
          m.how(),
          m.exitCode(),
          m.wallMillis() / 1000);
    }
    List<BenchRun.Result> failed = r.runs().stream().filter(x -> x.exitCode() != 0).toList();
    for (BenchRun.Result f : failed) {
      out.println("FAILED run (exit " + f.exitCode() + "):\n" + f.error());
    }
    out.println("load average at the end: " + loadAverage());
    out.println(r.meetsTargets() ? "all targets met" : "TARGETS MISSED");
  }

  static void printStartup(PrintStream out, List<StartupBench.Figure> figures) {
    Table t =
        new Table(
            "WHAT",
            "MEDIAN MS",
            "MIN MS",
            "MAX MS",
            "RUNS",
            "X JAVA",
            "CLASSES",
            "NOT CACHED",
            "HOW");
    for (StartupBench.Figure f : figures) {
      t.row(
          f.what(),
          fmt(f.medianMillis()),
          fmt(f.minMillis()),
          fmt(f.maxMillis()),
          f.runs(),
          f.ratio() > 0 ? String.format(Locale.ROOT, "%.1fx", f.ratio()) : "",
          f.classesLoaded() >= 0 ? String.valueOf(f.classesLoaded()) : "",
          f.classesNotCached() >= 0 ? String.valueOf(f.classesNotCached()) : "",
          f.how());
    }
    out.print(t.render());
    out.println(
        "(targets: --help, plans, regions and status within "
            + StartupBench.TARGET_RATIO
            + "x java -version's median; secrets + config < 1000 ms)");
    out.println(
        "(CLASSES and NOT CACHED: one more start with -Xlog:class+load; NOT CACHED were read from"
            + " the jar or the JDK's modules, or generated at run time, instead of the class cache)");
    out.println("load average at the end: " + loadAverage());
    out.println(StartupBench.meetsTargets(figures) ? "all targets met" : "TARGETS MISSED");
  }

  /** The 1, 5 and 15-minute load averages, so a figure is read against how busy the machine was. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0]
          + " "
          + f[1]
          + " "
          + f[2]
          + " ("
          + Runtime.getRuntime().availableProcessors()
          + " cores)";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  private static String fmt2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
