package dev.ironkube.workflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A {@link Progress} that keeps every line it is told, for asserting on narration. */
public final class RecordingProgress implements Progress {
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void phase(String title) {
    lines.add("phase: " + title);
  }

  @Override
  public Step step(String title) {
    lines.add("step: " + title);
    return new Step() {
      @Override
      public void update(String detail, double fraction) {
        lines.add("  update: " + detail);
      }

      @Override
      public void done(String summary) {
        lines.add("  done: " + title + ": " + summary);
      }

      @Override
      public void fail(String reason) {
        lines.add("  fail: " + title + ": " + reason);
      }
    };
  }

  @Override
  public void info(String line) {
    lines.add("info: " + line);
  }

  @Override
  public void warn(String line) {
    lines.add("warn: " + line);
  }
}
