package dev.ironkube.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseRunnerTest {
  private final Cancellation cancellation = new Cancellation();
  private final Journal journal = Journal.inMemory(Clock.systemUTC());
  private final PhaseRunner runner = new PhaseRunner(Progress.SILENT, cancellation, journal);

  @Test
  void aStopAskedForInAPhaseEndsTheRunBeforeTheNext() {
    List<String> ran = new ArrayList<>();
    assertThatThrownBy(
            () ->
                runner.run(
                    List.of(
                        Phase.always("a", "A", () -> cancellation.cancel("stopped by the user")),
                        Phase.always("b", "B", () -> ran.add("b")))))
        .isInstanceOf(Cancellation.CancelledException.class);
    assertThat(ran).isEmpty();
  }

  @Test
  void aStopAskedForInTheLastPhaseStillStopsTheRun() {
    // The user was told the run is stopping and cleaning up: it must not report success.
    assertThatThrownBy(
            () ->
                runner.run(
                    List.of(
                        Phase.always(
                            "last", "Last", () -> cancellation.cancel("stopped by the user")))))
        .isInstanceOf(Cancellation.CancelledException.class)
        .hasMessageContaining("stopped by the user");
    assertThat(journal.isPhaseDone("last")).isTrue();
  }

  @Test
  void aResumedRunRunsACompletedPhaseAgainBecauseEveryPhaseReconciles() throws Exception {
    List<String> ran = new ArrayList<>();
    runner.run(List.of(Phase.always("order", "Order", () -> ran.add("order"))));
    assertThat(journal.isPhaseDone("order")).isTrue();

    runner.run(List.of(Phase.always("order", "Order", () -> ran.add("order again"))));

    assertThat(ran).containsExactly("order", "order again");
  }
}
