package dev.ironkube.cli.ui;

import dev.ironkube.workflow.Progress;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress on a terminal, shaped like the seed's mock-up:
 *
 * <pre>
 * → Provisioning server
 *   ├─ Creating project... ✓ proj_123
 *   └─ Waiting for server ready... ████████░░ 80%
 * </pre>
 *
 * The running step sits on a live line redrawn with a spinner or a bar; a finished step is printed
 * for good only when the next one starts or the phase ends, so the last of a phase gets "└─".
 */
public final class TerminalProgress implements Progress, AutoCloseable {
  private static final String[] SPINNER = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
  private static final int BAR_WIDTH = 12;

  private final PrintStream err;
  private final Ansi ansi;
  private final ScheduledExecutorService ticker;

  private String pendingLine;
  private String liveTitle;
  private String liveDetail = "";
  private double liveFraction = -1;
  private int frame;

  private final int width;

  /**
   * @param width the terminal's columns: the live line must never wrap, or redraws pile up
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
    if (liveTitle != null) {
      frame = (frame + 1) % SPINNER.length;
      drawLive();
    }
  }

  private void drawLive() {
    String glyph = ansi.cyan(SPINNER[frame]);
    String head = "  └─ " + liveTitle + "... ";
    // Room left for the detail once the head, the spinner or bar and the spaces are drawn.
    int room = width - 1 - head.length() - (liveFraction >= 0 ? BAR_WIDTH + 6 : 2);
    String liveDetail = fit(this.liveDetail, room);
    String tail;
    if (liveFraction >= 0) {
      int filled = (int) Math.round(Math.min(1, liveFraction) * BAR_WIDTH);
      tail =
          ansi.cyan("█".repeat(filled))
              + ansi.dim("░".repeat(BAR_WIDTH - filled))
              + " "
              + Math.round(liveFraction * 100)
              + "%"
              + (liveDetail.isEmpty() ? "" : " " + ansi.dim(liveDetail));
    } else {
      tail = glyph + (liveDetail.isEmpty() ? "" : " " + ansi.dim(liveDetail));
    }
    err.print("\r\u001b[2K" + fit(head, width - 4) + tail);
    err.flush();
  }

  private static String fit(String text, int room) {
    if (room <= 1) {
      return "";
    }
    return text.length() <= room ? text : text.substring(0, room - 1) + "…";
  }

  private void clearLive() {
    err.print("\r\u001b[2K");
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
    liveTitle = null;
    err.println();
    err.println(ansi.bold("→ " + title));
    err.flush();
  }

  @Override
  public synchronized Step step(String title) {
    clearLive();
    flushPending(false);
    liveTitle = title;
    liveDetail = "";
    liveFraction = -1;
    drawLive();
    return new Step() {
      @Override
      public void update(String detail, double fraction) {
        synchronized (TerminalProgress.this) {
          if (title.equals(liveTitle)) {
            liveDetail = detail;
            liveFraction = fraction;
            drawLive();
          }
        }
      }

      @Override
      public void done(String summary) {
        finish(title, ansi.green("✓") + (summary.isEmpty() ? "" : " " + ansi.dim(summary)));
      }

      @Override
      public void fail(String reason) {
        finish(title, ansi.red("✗ " + reason));
      }
    };
  }

  private synchronized void finish(String title, String mark) {
    clearLive();
    flushPending(false);
    pendingLine = title + "... " + mark;
    if (title.equals(liveTitle)) {
      liveTitle = null;
    }
    err.flush();
  }

  @Override
  public synchronized void info(String line) {
    clearLive();
    flushPending(false);
    err.println("  " + line);
    if (liveTitle != null) {
      drawLive();
    }
  }

  @Override
  public synchronized void warn(String line) {
    clearLive();
    flushPending(false);
    err.println("  " + ansi.yellow("⚠  " + line));
    if (liveTitle != null) {
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
