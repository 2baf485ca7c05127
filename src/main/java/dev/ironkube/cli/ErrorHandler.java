package dev.ironkube.cli;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.workflow.Cancellation;
import java.io.PrintStream;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
    CommandLine cmd = ex.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    String message = ex.getMessage();
    String fix = "see '" + name + " --help' for the options and examples";
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      boolean command = !first.startsWith("-") && !cmd.getSubcommands().isEmpty();
      if (command) {
        message = "'" + first + "' is not a command of " + name;
      }
      List<String> close = suggestions(u, command ? cmd.getSubcommands().keySet() : null);
      if (!close.isEmpty()) {
        fix =
            "did you mean "
                + close.stream().map(s -> "'" + s + "'").reduce((a, b) -> a + " or " + b).get()
                + "? "
                + fix;
      }
    }
    err.println("ironkube: " + message);
    err.println("  → " + fix);
    if (wantsJson(args)) {
      printJson(ExitCodes.INVALID_INPUT, message, fix);
    }
    return ExitCodes.INVALID_INPUT;
  }

  /**
   * The closest names to a mistyped command or option: of picocli's own candidates (and the
   * command's subcommands), those nearest by edit distance, at most two, and only when a typo could
   * have made the word typed.
   */
  static List<String> suggestions(
      CommandLine.UnmatchedArgumentException u, Collection<String> commands) {
    String typed = u.getUnmatched().get(0);
    String bare = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
    Set<String> candidates = new LinkedHashSet<>(u.getSuggestions());
    if (commands != null) {
      candidates.addAll(commands);
    }
    int best = candidates.stream().mapToInt(c -> distance(bare, c)).min().orElse(Integer.MAX_VALUE);
    if (best > Math.max(2, bare.length() / 3)) {
      return List.of();
    }
    return candidates.stream().filter(c -> distance(bare, c) == best).limit(2).toList();
  }

  /** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters is one typo. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
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
