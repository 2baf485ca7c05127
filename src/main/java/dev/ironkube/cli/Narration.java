package dev.ironkube.cli;

import dev.ironkube.cli.ui.Ansi;
import dev.ironkube.cli.ui.PlainProgress;
import dev.ironkube.cli.ui.TerminalProgress;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.Progress;

/**
 * The stderr side of a command: a progress tree on a terminal, timestamped lines elsewhere, and
 * Ctrl-C turned into cancellation (a second Ctrl-C exits at once).
 */
final class Narration implements AutoCloseable {
  private final Progress progress;
  private final Progress tapped;
  private final AutoCloseable closeProgress;
  private final Cancellation cancellation = new Cancellation();
  private final AutoCloseable signals;

  Narration(CliEnvironment env) {
    if (env.colour() || env.interactive()) {
      TerminalProgress tp = new TerminalProgress(env.err(), new Ansi(env.colour()), columns(env));
      progress = tp;
      closeProgress = tp;
    } else {
      progress = new PlainProgress(env.err(), env.clock());
      closeProgress = () -> {};
    }
    tapped = env.progressTap() == null ? progress : env.progressTap().apply(progress);
    signals =
        env.signals()
            .onInterrupt(
                () -> {
                  if (cancellation.isCancelled()) {
                    env.err()
                        .println("\nironkube: second Ctrl-C: exiting now; the journal is intact");
                    Runtime.getRuntime().halt(130);
                  }
                  env.err()
                      .println(
                          "\nironkube: stopping; cleaning up (press Ctrl-C again to exit at once)");
                  cancellation.cancel("stopped by the user");
                });
  }

  private static int columns(CliEnvironment env) {
    try {
      return Integer.parseInt(env.env().getOrDefault("COLUMNS", "80").strip());
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  Progress progress() {
    return tapped;
  }

  /** Holds the progress display still while a question is on screen (see ConsolePrompter). */
  AutoCloseable quiet() {
    return progress instanceof TerminalProgress tp ? tp.quiet() : () -> {};
  }

  Cancellation cancellation() {
    return cancellation;
  }

  @Override
  public void close() throws Exception {
    signals.close();
    closeProgress.close();
  }
}
