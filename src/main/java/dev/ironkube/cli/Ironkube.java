package dev.ironkube.cli;

import picocli.CommandLine;

/** Builds the command line for one environment and runs it; the seam tests call. */
public final class Ironkube {
  private Ironkube() {}

  public static int run(CliEnvironment env, String... args) {
    CommandLine cli = commandLine(env);
    return cli.execute(args);
  }

  public static CommandLine commandLine(CliEnvironment env) {
    CommandLine cli = new CommandLine(new RootCommand(), new CommandFactory(env));
    cli.setOut(new java.io.PrintWriter(env.out(), true));
    cli.setErr(new java.io.PrintWriter(env.err(), true));
    cli.setColorScheme(
        CommandLine.Help.defaultColorScheme(
            env.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    ErrorHandler handler = new ErrorHandler(env);
    cli.setExecutionExceptionHandler(handler);
    cli.setParameterExceptionHandler(handler);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }
}
