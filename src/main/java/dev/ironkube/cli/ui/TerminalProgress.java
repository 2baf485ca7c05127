package dev.ironkube.cli.ui;

import dev.ironkube.workflow.Progress;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress on a terminal, shaped like the seed's mock-up:
 *
 * <pre>
 * → Provisioning servers
 *   ├─ Creating project... ✓ proj_123
 *   ├─ Ordering server demo-cp-1... ✓ sv_1
 *   ├─ Waiting for demo-cp-2 to boot Talos... ⠹ provider says deploying, 2m10s
 *   └─ Waiting for demo-workers-1 to boot Talos... ⠹ provider says deploying, 2m08s
 * </pre>
 *
 * Running steps sit on live lines at the bottom, one per step (several at once when nodes are
 * worked on in parallel), redrawn with a spinner or a bar. A finished step is printed above them
 * for good; when it was the only one running it waits for the next event, so the last of a phase
 * gets "└─".
 */
public final class TerminalProgress implements Progress, AutoCloseable {
  private static final String[] SPINNER = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
  private static final int BAR_WIDTH = 12;

  private final PrintStream err;
  private final Ansi ansi;
  private final ScheduledExecutorService ticker;

  /** A running step's line. */
  private static final class Live {
    final String title;
    String detail = "";
    double fraction = -1;

    Live(String title) {
      this.title = title;
    }
  }

  private final List<Live> live = new ArrayList<>();
  private String pendingLine;
  private int drawn;
  private int frame;
  private int quiet;

  private final int width;

  /**
   * @param width the terminal's columns: a live line must never wrap, or redraws pile up
   */
  public TerminalProgress(PrintStream err, Ansi ansi, int width) {
    this.err = err;
    this.ansi = ansi;
    this.width = Math.max(40, width);
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ironkube-spinner");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(this::tick, 100, 100, TimeUnit.MILLISECONDS);
  }

  private synchronized void tick() {
    if (!live.isEmpty()) {
      frame = (frame + 1) % SPINNER.length;
      drawLive();
    }
  }

  private String render(Live step, boolean last) {
    String glyph = ansi.cyan(SPINNER[frame]);
    String head = "  " + (last ? "└─ " : "├─ ") + step.title + "... ";
    // Room left for the detail once the head, the spinner or bar and the spaces are drawn.
    int room = width - 1 - head.length() - (step.fraction >= 0 ? BAR_WIDTH + 6 : 2);
    String detail = fit(step.detail, room);
    String tail;
    if (step.fraction >= 0) {
      int filled = (int) Math.round(Math.min(1, step.fraction) * BAR_WIDTH);
      tail =
          ansi.cyan("█".repeat(filled))
              + ansi.dim("░".repeat(BAR_WIDTH - filled))
              + " "
              + Math.round(step.fraction * 100)
              + "%"
              + (detail.isEmpty() ? "" : " " + ansi.dim(detail));
    } else {
      tail = glyph + (detail.isEmpty() ? "" : " " + ansi.dim(detail));
    }
    return fit(head, width - 4) + tail;
  }

  private void drawLive() {
    if (quiet > 0) {
      return;
    }
    clearLive();
    for (int i = 0; i < live.size(); i++) {
      if (i > 0) {
        err.print("\n");
      }
      err.print("\r\u001b[2K" + render(live.get(i), i == live.size() - 1));
    }
    drawn = live.size();
    err.flush();
  }

  private static String fit(String text, int room) {
    if (room <= 1) {
      return "";
    }
    return text.length() <= room ? text : text.substring(0, room - 1) + "…";
  }

  /**
   * Stops drawing the live lines until the returned handle is closed: a question asked meanwhile (a
   * plan to choose, an order to confirm) stays on screen as typed, instead of being overdrawn by
   * the spinner ten times a second. The live block is erased first and drawn again after.
   */
  public synchronized AutoCloseable quiet() {
    clearLive();
    err.flush();
    quiet++;
    return () -> {
      synchronized (TerminalProgress.this) {
        quiet--;
        if (quiet == 0 && !live.isEmpty()) {
          drawLive();
        }
      }
    };
  }

  /** Erases the live block; the cursor ends at the start of its first line. */
  private void clearLive() {
    if (quiet > 0) {
      // The cursor is after a question being answered: erasing would take the question too.
      return;
    }
    if (drawn > 1) {
      err.print("\u001b[" + (drawn - 1) + "A");
    }
    err.print("\r\u001b[0J");
    drawn = 0;
  }

  private void flushPending(boolean last) {
    if (pendingLine != null) {
      err.println("  " + (last ? "└─ " : "├─ ") + pendingLine);
      pendingLine = null;
    }
  }

  @Override
  public synchronized void phase(String title) {
    clearLive();
    flushPending(true);
    live.clear();
    err.println();
    err.println(ansi.bold("→ " + title));
    err.flush();
  }

  @Override
  public synchronized Step step(String title) {
    clearLive();
    flushPending(false);
    Live step = new Live(title);
    live.add(step);
    drawLive();
    return new Step() {
      @Override
      public void update(String detail, double fraction) {
        synchronized (TerminalProgress.this) {
          if (live.contains(step)) {
            step.detail = detail;
            step.fraction = fraction;
            drawLive();
          }
        }
      }

      @Override
      public void done(String summary) {
        finish(step, ansi.green("✓") + (summary.isEmpty() ? "" : " " + ansi.dim(summary)));
      }

      @Override
      public void fail(String reason) {
        finish(step, ansi.red("✗ " + reason));
      }
    };
  }

  private synchronized void finish(Live step, String mark) {
    clearLive();
    flushPending(false);
    live.remove(step);
    pendingLine = step.title + "... " + mark;
    if (!live.isEmpty()) {
      // Others still run below it, so it is not the phase's last line.
      flushPending(false);
      drawLive();
    }
    err.flush();
  }

  @Override
  public synchronized void info(String line) {
    clearLive();
    flushPending(false);
    err.println("  " + line);
    if (!live.isEmpty()) {
      drawLive();
    }
  }

  @Override
  public synchronized void warn(String line) {
    clearLive();
    flushPending(false);
    err.println("  " + ansi.yellow("⚠  " + line));
    if (!live.isEmpty()) {
      drawLive();
    }
  }

  @Override
  public synchronized void close() {
    ticker.shutdownNow();
    clearLive();
    flushPending(true);
    err.flush();
  }
}
