package dev.ironkube.cli;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.workflow.Cancellation;
import java.io.PrintStream;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;

/**
 * The one place where failures become what the user reads: one line naming what failed, one line
 * saying what to do, the documented exit code, and a stack trace only with -x/--verbose.
 */
final class ErrorHandler
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  private final CliEnvironment env;

  ErrorHandler(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintStream err = env.err();
    boolean verbose = isVerbose(parseResult);
    Throwable cause = unwrap(ex);
    int code;
    if (cause instanceof IronkubeException ik) {
      err.println("ironkube: " + ik.getMessage());
      if (!ik.hint().isEmpty()) {
        err.println("  → " + ik.hint());
      }
      code = ik.exitCode();
    } else if (cause instanceof Cancellation.CancelledException) {
      err.println("ironkube: stopped by the user; what was created has been cleaned up");
      code = ExitCodes.INTERRUPTED;
    } else {
      err.println(
          "ironkube: internal error: "
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
      err.println("  → run again with --verbose for the stack trace, and report it");
      code = ExitCodes.INTERNAL;
    }
    if (verbose) {
      cause.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    PrintStream err = env.err();
    err.println("ironkube: " + ex.getMessage());
    CommandLine cmd = ex.getCommandLine();
    err.println(
        "  → see '"
            + cmd.getCommandSpec().qualifiedName()
            + " --help' for the options and examples");
    return ExitCodes.INVALID_INPUT;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof CommandLine.ExecutionException
            || cur instanceof ExecutionException
            || cur instanceof CompletionException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }

  private static boolean isVerbose(CommandLine.ParseResult result) {
    for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
