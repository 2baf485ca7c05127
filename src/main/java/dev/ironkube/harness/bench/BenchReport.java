package dev.ironkube.harness.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code ironkube sim bench} found, as printed with {@code -o json}. Times are wall
 * milliseconds unless the name says modelled; modelled figures are wall time divided by the scale,
 * an upper bound for real time because the tool's own computing does not shrink with the model. The
 * lag target is checked on the wall-clock lag: the tool's poll intervals shrink with the model too
 * (Simulation scales them), so neither column is the real-world lag exactly; the modelled one
 * bounds it from above.
 *
 * @param scale the model's scale (0.1: a 10-minute critical path takes a minute)
 * @param modelSeconds every modelled step with its real-world duration, in seconds
 * @param floorMillis the scaled critical path: the least any tool could take
 * @param wallMillisMedian the median wall time of a provision
 * @param overheadMedian (wall - floor) / floor, median over runs
 * @param overheadMax the worst run's overhead
 * @param waits detection lag per wait over all runs
 * @param requests the provider request budget of the run that read the provider most
 * @param timeToCluster modelled minutes from order to a healthy cluster, ironkube's path and seed's
 * @param peakRss the tool's peak resident memory in a child JVM; null when not measured
 * @param runs every run
 */
public record BenchReport(
    double scale,
    Map<String, Long> modelSeconds,
    double floorMillis,
    double wallMillisMedian,
    double overheadMedian,
    double overheadMax,
    List<WaitSummary> waits,
    RequestBudget requests,
    TimeToCluster timeToCluster,
    PeakRss.Result peakRss,
    List<BenchRun.Result> runs) {

  /** The lag of one wait over the runs. */
  public record WaitSummary(
      String label, double p50Millis, double maxMillis, double p50ModelledSeconds) {}

  /** Modelled minutes to a cluster; the saving is the disk erase of a reinstall. */
  public record TimeToCluster(double ironkubeMinutes, double seedMinutes, double savedMinutes) {}

  /** Targets from the issue, checked by the command's exit code and the table. */
  public static final double TARGET_OVERHEAD = 0.05;

  public static final double TARGET_LAG_SECONDS = 2.0;
  public static final double TARGET_STATUS_READS_PER_SERVER_MINUTE = 6.0;
  public static final long TARGET_RSS_KIB = 256 * 1024;

  static BenchReport of(BenchModel model, List<BenchRun.Result> runs, PeakRss.Result rss) {
    Map<String, Long> steps = new LinkedHashMap<>();
    BenchModel.STEPS.forEach(s -> steps.put(s.name(), s.real().toSeconds()));
    List<WaitSummary> waits = new ArrayList<>();
    for (Waits.Wait w : Waits.ALL) {
      List<Double> lags =
          runs.stream()
              .flatMap(r -> r.lags().stream())
              .filter(l -> l.label().equals(w.label()))
              .map(Waits.Lag::millis)
              .toList();
      if (!lags.isEmpty()) {
        double p50 = Stats.median(lags);
        waits.add(new WaitSummary(w.label(), p50, Stats.max(lags), p50 / 1000 / model.scale()));
      }
    }
    RequestBudget worst =
        runs.stream()
            .map(BenchRun.Result::requests)
            .max(Comparator.comparingDouble(RequestBudget::statusReadsPerServerMinute))
            .orElse(null);
    List<Double> overheads = runs.stream().map(BenchRun.Result::overhead).toList();
    double ironkube = BenchModel.realFloor().toMillis() / 60000.0;
    double seed =
        BenchModel.seedToMaintenance().plus(BenchModel.maintenanceToCluster()).toMillis() / 60000.0;
    return new BenchReport(
        model.scale(),
        steps,
        model.floor().toNanos() / 1e6,
        Stats.median(runs.stream().map(BenchRun.Result::wallMillis).toList()),
        Stats.median(overheads),
        Stats.max(overheads),
        waits,
        worst,
        new TimeToCluster(ironkube, seed, seed - ironkube),
        rss,
        runs);
  }

  /** Whether every figure meets its target (RSS only when measured). */
  public boolean meetsTargets() {
    boolean ok =
        runs.stream().allMatch(r -> r.exitCode() == 0)
            && overheadMedian <= TARGET_OVERHEAD
            && waits.stream().allMatch(w -> w.p50Millis() <= TARGET_LAG_SECONDS * 1000)
            && requests != null
            && requests.statusReadsPerServerMinute() <= TARGET_STATUS_READS_PER_SERVER_MINUTE;
    return ok
        && (peakRss == null
            || (peakRss.exitCode() == 0
                && peakRss.peakKiB() > 0
                && peakRss.peakKiB() < TARGET_RSS_KIB));
  }
}
