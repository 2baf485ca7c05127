package dev.ironkube.harness.chaos;

import dev.ironkube.workflow.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Watches the narration for the pipeline's phase titles: records which phases a run entered and,
 * when aimed at one, presses Ctrl-C the moment the run announces it (before its first step), once.
 */
final class PhaseTap implements UnaryOperator<Progress> {
  private final String target;
  private final Runnable ctrlC;
  private final List<String> entered = new ArrayList<>();
  private boolean struck;

  /**
   * @param target the phase to interrupt, or null to only record
   */
  PhaseTap(String target, Runnable ctrlC) {
    this.target = target;
    this.ctrlC = ctrlC;
  }

  synchronized List<String> entered() {
    return List.copyOf(entered);
  }

  @Override
  public Progress apply(Progress inner) {
    return new Progress() {
      @Override
      public void phase(String title) {
        inner.phase(title);
        PipelinePhases.of(title).ifPresent(PhaseTap.this::entered);
      }

      @Override
      public Step step(String title) {
        return inner.step(title);
      }

      @Override
      public void info(String line) {
        inner.info(line);
      }

      @Override
      public void warn(String line) {
        inner.warn(line);
      }
    };
  }

  private void entered(String phase) {
    boolean strike;
    synchronized (this) {
      entered.add(phase);
      strike = !struck && phase.equals(target);
      struck |= strike;
    }
    if (strike) {
      ctrlC.run();
    }
  }
}
