package dev.ironkube.cli;

import dev.ironkube.workflow.Progress;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Everything a command takes from the process: environment, home folder, streams, clock and whether
 * a person is at a terminal. Tests build one per run; nothing is read from static state.
 *
 * @param interactive a person can answer prompts (stdin and stderr are a terminal)
 * @param colour ANSI colour and animation may be used on stderr
 * @param simulator a running simulated datacenter that --simulate uses instead of starting its own
 *     (tests inspect it afterwards); null to use the home's background one (started if needed)
 * @param progressTap wraps the narration's progress, so the benchmark can record when each step
 *     finished; null for none
 */
public record CliEnvironment(
    Map<String, String> env,
    Path userHome,
    InputStream in,
    PrintStream out,
    PrintStream err,
    Clock clock,
    boolean interactive,
    boolean colour,
    Signals signals,
    SimulatedBackend.Datacenter simulator,
    UnaryOperator<Progress> progressTap) {

  /** Without a progress tap, as most callers want. */
  public CliEnvironment(
      Map<String, String> env,
      Path userHome,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Clock clock,
      boolean interactive,
      boolean colour,
      Signals signals,
      SimulatedBackend.Datacenter simulator) {
    this(env, userHome, in, out, err, clock, interactive, colour, signals, simulator, null);
  }

  /**
   * The user's home folder: $HOME from the environment, as shells, kubectl and talosctl read it;
   * {@link #userHome} (the JVM's user.home, from the password database) only when HOME is unset.
   * They differ under sudo, in containers and when a user points HOME elsewhere on purpose.
   */
  public Path home() {
    String h = env.get("HOME");
    return h != null && !h.isBlank() ? Path.of(h) : userHome;
  }

  /** The real process. */
  public static CliEnvironment system() {
    Map<String, String> env = System.getenv();
    boolean terminal = TerminalDetection.isTerminal();
    boolean colour = terminal && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
    return new CliEnvironment(
        env,
        Path.of(System.getProperty("user.home")),
        System.in,
        System.out,
        System.err,
        Clock.systemUTC(),
        terminal,
        colour,
        Signals.process(),
        null);
  }
}
