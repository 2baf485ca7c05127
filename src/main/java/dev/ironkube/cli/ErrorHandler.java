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
    String message;
    String fix;
    if (cause instanceof IronkubeException ik) {
      message = ik.getMessage();
      fix = ik.hint();
      code = ik.exitCode();
    } else if (cause instanceof Cancellation.CancelledException) {
      message = "stopped by the user; what was created has been cleaned up";
      fix = "";
      code = ExitCodes.INTERRUPTED;
    } else {
      message =
          "internal error: "
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
      fix = "run again with --verbose for the stack trace, and report it";
      code = ExitCodes.INTERNAL;
    }
    err.println("ironkube: " + message);
    if (!fix.isEmpty()) {
      err.println("  → " + fix);
    }
    if (wantsJson(parseResult)) {
      printJson(code, message, fix);
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
    String fix =
        "see '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options and examples";
    err.println("  → " + fix);
    if (wantsJson(args)) {
      printJson(ExitCodes.INVALID_INPUT, ex.getMessage(), fix);
    }
    return ExitCodes.INVALID_INPUT;
  }

  /** The error object a script reads from stdout when it asked for JSON: the same words. */
  record ErrorObject(Detail error) {
    record Detail(int exitCode, String kind, String message, String fix) {}
  }

  private void printJson(int code, String message, String fix) {
    Json.print(
        env.out(),
        new ErrorObject(
            new ErrorObject.Detail(
                code, ExitCodes.kind(code), message, fix.isEmpty() ? null : fix)));
    env.out().flush();
  }

  private static boolean wantsJson(CommandLine.ParseResult result) {
    for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
      var o = r.matchedOption("--output");
      if (o != null && OutputFormat.json.equals(o.getValue())) {
        return true;
      }
    }
    return false;
  }

  /** A command line that did not parse still says whether it asked for JSON. */
  static boolean wantsJson(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if ((a.equals("-o") || a.equals("--output")) && i + 1 < args.length) {
        if (args[i + 1].equals("json")) {
          return true;
        }
      } else if (a.equals("-ojson") || a.equals("--output=json") || a.equals("-o=json")) {
        return true;
      }
    }
    return false;
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
