package dev.ironkube.cli.ui;

import dev.ironkube.workflow.Progress;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Progress for logs and pipes: one timestamped line per event, no colour, no redraws; updates are
 * printed only when their text changes, so a long wait does not flood the log.
 */
public final class PlainProgress implements Progress {
  private final PrintStream err;
  private final Clock clock;

  public PlainProgress(PrintStream err, Clock clock) {
    this.err = err;
    this.clock = clock;
  }

  private synchronized void line(String text) {
    err.println(
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS))
            + " "
            + text);
    err.flush();
  }

  @Override
  public void phase(String title) {
    line("==> " + title);
  }

  @Override
  public Step step(String title) {
    line("    " + title + " ...");
    return new Step() {
      private String lastShape = "";
      private Instant lastAt = Instant.MIN;

      // Counters and clocks in a detail change every poll; a log needs a line only when the
      // state itself changes, or now and then as a heartbeat.
      @Override
      public void update(String detail, double fraction) {
        String text = fraction >= 0 ? detail + " (" + Math.round(fraction * 100) + "%)" : detail;
        String shape = text.replaceAll("[0-9]+", "#");
        Instant now = clock.instant();
        if (!shape.equals(lastShape) || now.isAfter(lastAt.plusSeconds(30))) {
          lastShape = shape;
          lastAt = now;
          line("    " + title + ": " + text);
        }
      }

      @Override
      public void done(String summary) {
        line("    " + title + ": done" + (summary.isEmpty() ? "" : " (" + summary + ")"));
      }

      @Override
      public void fail(String reason) {
        line("    " + title + ": FAILED: " + reason);
      }
    };
  }

  @Override
  public void info(String text) {
    line("    " + text);
  }

  @Override
  public void warn(String text) {
    line("    WARNING: " + text);
  }
}
