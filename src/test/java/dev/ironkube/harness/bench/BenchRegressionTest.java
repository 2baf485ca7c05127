package dev.ironkube.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A short benchmark run that fails when the tool's overhead or its provider request budget
 * regresses well beyond today's figures. The bounds are generous on purpose: the build machines are
 * shared and a cold JVM pays class loading that a tuned run does not.
 */
class BenchRegressionTest {
  /**
   * The 9.6-minute critical path at 0.0075 takes 4.3 s, enough for the tool's own work (key
   * generation, handshakes: about a second on main) to show against it, and for a lost probe
   * interval (5 ms here, the floor of a scaled interval) to show as lag. A cold JVM of its own at
   * load 4 measured an overhead of 0.43 at this scale, well inside the bound.
   */
  private static final double SCALE = 0.0075;

  @Test
  void overheadAndRequestBudgetStayWithinGenerousBounds() throws Exception {
    BenchModel model = new BenchModel(SCALE);
    BenchRun.Result r = BenchRun.run(model);

    assertThat(r.exitCode()).as(r.error()).isZero();
    assertThat(r.overhead()).as("overhead over the %s floor", model.floor()).isLessThan(0.75);
    assertThat(r.lags()).as("every wait noticed its event").hasSize(Waits.ALL.size());
    // At 0.0075 the node probes run every 5 ms (the floor); a wait that takes seconds to notice its
    // event has
    // lost its probe interval or pays a new handshake per probe.
    assertThat(r.lags())
        .as("detection lag per wait")
        .allSatisfy(
            lag ->
                assertThat(lag.millis())
                    .as(lag.label())
                    .isLessThan(BenchReport.TARGET_LAG_SECONDS * 1000));

    RequestBudget q = r.requests();
    assertThat(q.servers()).isEqualTo(1);
    assertThat(q.statusReadsPerServerMinute())
        .as("provider status reads per server-minute of waiting")
        .isLessThanOrEqualTo(BenchReport.TARGET_STATUS_READS_PER_SERVER_MINUTE);
    assertThat(q.readsPerMinute()).isLessThanOrEqualTo(RequestBudget.LATITUDE_READS_PER_MINUTE);
    assertThat(q.writesPerMinute()).isLessThanOrEqualTo(RequestBudget.LATITUDE_WRITES_PER_MINUTE);
  }
}
