package dev.ironkube.harness.bench;

import dev.ironkube.workflow.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A progress decorator that notes when each step started and finished, on the {@link
 * System#nanoTime()} scale the simulator's events use. A step's completion is the moment the tool
 * noticed what it was waiting for: every wait in the pipeline ends its step right after the probe
 * that succeeded, before doing anything else.
 */
final class StepRecorder implements Progress {
  /** One finished (or failed) step. */
  record Span(String title, long startNanos, long endNanos, boolean ok) {}

  private final Progress inner;
  private final List<Span> spans = new ArrayList<>();

  StepRecorder(Progress inner) {
    this.inner = inner;
  }

  synchronized List<Span> spans() {
    return List.copyOf(spans);
  }

  /** The first finished step whose title starts with {@code prefix}. */
  synchronized Optional<Span> first(String prefix) {
    return spans.stream().filter(s -> s.ok() && s.title().startsWith(prefix)).findFirst();
  }

  private synchronized void add(Span span) {
    spans.add(span);
  }

  @Override
  public void phase(String title) {
    inner.phase(title);
  }

  @Override
  public Step step(String title) {
    long start = System.nanoTime();
    Step step = inner.step(title);
    return new Step() {
      @Override
      public void update(String detail, double fraction) {
        step.update(detail, fraction);
      }

      @Override
      public void done(String summary) {
        add(new Span(title, start, System.nanoTime(), true));
        step.done(summary);
      }

      @Override
      public void fail(String reason) {
        add(new Span(title, start, System.nanoTime(), false));
        step.fail(reason);
      }
    };
  }

  @Override
  public void info(String line) {
    inner.info(line);
  }

  @Override
  public void warn(String line) {
    inner.warn(line);
  }
}
