package dev.ironkube.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** Builds the command line for one environment and runs it; the seam tests call. */
public final class Ironkube {
  private Ironkube() {}

  public static int run(CliEnvironment env, String... args) {
    CommandLine cli =
        versionOnly(args)
            ? settings(new CommandLine(new RootCommand(), new CommandFactory(env)), env)
            : commandLine(env, args.length == 0 ? null : args[0]);
    return cli.execute(args);
  }

  /**
   * Whether the run asks for the version and nothing else: the root alone answers that, so no
   * subcommand's model is built (reflection over each command's fields, a third of the time of a
   * {@code --version} that built the whole tree).
   */
  static boolean versionOnly(String... args) {
    return args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"));
  }

  /** The whole command tree. */
  public static CommandLine commandLine(CliEnvironment env) {
    return commandLine(env, null);
  }

  /**
   * The command tree a run starting with {@code first} needs: when that names a subcommand, the
   * root with that one (and its own subcommands) only, since picocli builds every command's model
   * by reflection up front and a read would otherwise pay for all of them; a product command is
   * found without looking at the {@link CommandContribution}s, so it loads none of their classes.
   * Else (usage help, the help command, a mistyped name that deserves suggestions) the whole tree.
   */
  static CommandLine commandLine(CliEnvironment env, String first) {
    CommandFactory factory = new CommandFactory(env);
    CommandLine cli = new CommandLine(new RootCommand(), factory);
    if (first != null && !first.equals("help") && RootCommand.SUBCOMMANDS.contains(first)) {
      cli.addSubcommand(first, RootCommand.subcommand(first));
    } else {
      contributed(cli, first);
    }
    return settings(cli, env);
  }

  /** Streams, colours and handlers; they reach the subcommands added so far, so they come last. */
  private static CommandLine settings(CommandLine cli, CliEnvironment env) {
    cli.setOut(new PrintWriter(env.out(), true));
    cli.setErr(new PrintWriter(env.err(), true));
    cli.setColorScheme(
        CommandLine.Help.defaultColorScheme(
            env.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    ErrorHandler handler = new ErrorHandler(env);
    cli.setExecutionExceptionHandler(handler);
    cli.setParameterExceptionHandler(handler);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    usageWidth(cli, env);
    return cli;
  }

  /**
   * The tree for a run that names no product command: the contributed command it names (the
   * simulator's {@code sim}, say) with its own contributed subcommands, else the whole tree, the
   * product's commands first and {@code help} last.
   */
  private static void contributed(CommandLine cli, String first) {
    List<CommandContribution> all = CommandContribution.all();
    boolean named =
        all.stream()
            .anyMatch(c -> c.parent().equals(CommandContribution.ROOT) && c.name().equals(first));
    if (!named) {
      for (String name : RootCommand.SUBCOMMANDS) {
        if (!name.equals("help")) {
          cli.addSubcommand(name, RootCommand.subcommand(name));
        }
      }
    }
    for (CommandContribution c : all) {
      if (c.parent().equals(CommandContribution.ROOT) && (!named || c.name().equals(first))) {
        cli.addSubcommand(c.name(), c.command());
      }
    }
    if (!named) {
      cli.addSubcommand("help", RootCommand.subcommand("help"));
    }
    for (CommandContribution c : all) {
      CommandLine parent = cli.getSubcommands().get(c.parent());
      if (parent != null) {
        parent.addSubcommand(c.name(), c.command());
      }
    }
  }

  /**
   * Usage help fills the terminal's width. picocli learns it by starting {@code stty} while it
   * builds the command model (30-50 ms of a 250 ms {@code --help}) when auto width is declared; the
   * launcher passes the width as COLUMNS instead. Only a terminal without COLUMNS (the jar started
   * by hand) still asks stty; output that is not a terminal gets picocli's default width.
   */
  private static void usageWidth(CommandLine cli, CliEnvironment env) {
    String columns = env.env().getOrDefault("COLUMNS", "").strip();
    if (columns.matches("[0-9]{1,4}") && Integer.parseInt(columns) > 0) {
      cli.setUsageHelpWidth(Math.max(MIN_USAGE_WIDTH, Integer.parseInt(columns)));
    } else if (env.interactive()) {
      cli.setUsageHelpAutoWidth(true);
    }
  }

  /** picocli refuses narrower usage help. */
  private static final int MIN_USAGE_WIDTH = 55;
}
