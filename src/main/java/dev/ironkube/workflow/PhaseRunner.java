package dev.ironkube.workflow;

import java.util.List;

/**
 * Runs phases in order: prints each title, checks for cancellation between them, journals each
 * completed one (a record for people reading the journal; a resumed run still runs every phase, see
 * {@link Phase}), and leaves failure handling (cleanup or keep) to the caller, who knows the run's
 * policy.
 */
public final class PhaseRunner {
  private final Progress progress;
  private final Cancellation cancellation;
  private final Journal journal;

  public PhaseRunner(Progress progress, Cancellation cancellation, Journal journal) {
    this.progress = progress;
    this.cancellation = cancellation;
    this.journal = journal;
  }

  /** Runs every phase; the first failure propagates unchanged. */
  public void run(List<Phase> phases) throws Exception {
    for (Phase phase : phases) {
      cancellation.check();
      progress.phase(phase.title());
      phase.action().run();
      journal.phaseDone(phase.id());
    }
    // A stop asked for during the last phase stops the run too: the user was told it is stopping
    // and cleaning up, so it must not go on to report success.
    cancellation.check();
  }
}
