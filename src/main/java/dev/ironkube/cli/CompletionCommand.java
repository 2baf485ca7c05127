package dev.ironkube.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;

/** `ironkube completion bash|zsh|fish`: a shell completion script for every command and option. */
@Command(
    name = "completion",
    description = {
      "Print a completion script for your shell: commands, subcommands, options and their fixed"
          + " values complete with Tab.",
      "",
      "Examples:",
      "  source <(ironkube completion bash)      # in ~/.bashrc",
      "  source <(ironkube completion zsh)       # in ~/.zshrc",
      "  ironkube completion fish > \\",
      "    ~/.config/fish/completions/ironkube.fish"
    })
final class CompletionCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Parameters(
      index = "0",
      paramLabel = "SHELL",
      description = "bash, zsh or fish.",
      completionCandidates = Shells.class)
  Shell shell;

  /** The shells a script is written for. */
  enum Shell {
    bash,
    zsh,
    fish
  }

  static final class Shells extends ArrayList<String> {
    Shells() {
      super(List.of("bash", "zsh", "fish"));
    }
  }

  CompletionCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    // The whole tree, whatever this run needed to get here.
    CommandLine tree = Ironkube.commandLine(env);
    switch (shell) {
      // picocli's script carries its own zsh set-up (bashcompinit), so zsh sources the same.
      case bash, zsh -> env.out().print(AutoComplete.bash("ironkube", tree));
      case fish -> env.out().print(fish(tree));
    }
    env.out().flush();
    return 0;
  }

  /**
   * A fish script: each subcommand offered where no subcommand was typed yet, and each command's
   * options (with their fixed values) once it was, described by the first sentence of its help.
   */
  static String fish(CommandLine tree) {
    StringBuilder out = new StringBuilder("# ironkube completion for fish\n");
    out.append("complete -c ironkube -f\n");
    Map<String, CommandLine> subs = tree.getSubcommands();
    String names = String.join(" ", subs.keySet());
    for (var e : subs.entrySet()) {
      out.append("complete -c ironkube -n 'not __fish_seen_subcommand_from ")
          .append(names)
          .append("' -a ")
          .append(e.getKey())
          .append(" -d ")
          .append(quote(summary(e.getValue().getCommandSpec())))
          .append('\n');
    }
    options(out, "not __fish_seen_subcommand_from " + names, tree.getCommandSpec());
    for (var e : subs.entrySet()) {
      CommandSpec spec = e.getValue().getCommandSpec();
      String seen = "__fish_seen_subcommand_from " + e.getKey();
      options(out, seen, spec);
      Map<String, CommandLine> nested = e.getValue().getSubcommands();
      for (var n : nested.entrySet()) {
        out.append("complete -c ironkube -n '")
            .append(seen)
            .append("' -a ")
            .append(n.getKey())
            .append(" -d ")
            .append(quote(summary(n.getValue().getCommandSpec())))
            .append('\n');
        options(
            out,
            seen + "; and __fish_seen_subcommand_from " + n.getKey(),
            n.getValue().getCommandSpec());
      }
    }
    return out.toString();
  }

  private static void options(StringBuilder out, String condition, CommandSpec spec) {
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      out.append("complete -c ironkube -n '").append(condition).append('\'');
      for (String name : o.names()) {
        if (name.startsWith("--")) {
          out.append(" -l ").append(name.substring(2));
        } else if (name.startsWith("-") && name.length() == 2) {
          out.append(" -s ").append(name.substring(1));
        }
      }
      if (o.arity().max() > 0) {
        out.append(" -r");
        List<String> values = new ArrayList<>();
        if (o.completionCandidates() != null) {
          o.completionCandidates().forEach(values::add);
        }
        if (!values.isEmpty()) {
          out.append(" -a ").append(quote(String.join(" ", values)));
        } else if (o.type().equals(Path.class) || o.type().equals(File.class)) {
          out.append(" -F");
        }
      }
      String d = o.description().length == 0 ? "" : firstSentence(o.description()[0]);
      if (!d.isEmpty()) {
        out.append(" -d ").append(quote(d));
      }
      out.append('\n');
    }
  }

  private static String summary(CommandSpec spec) {
    String[] d = spec.usageMessage().description();
    return d.length == 0 ? "" : firstSentence(d[0]);
  }

  private static String firstSentence(String text) {
    String t = text.replace("%n", " ").strip();
    int dot = t.indexOf(". ");
    String s = dot > 0 ? t.substring(0, dot) : t;
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.length() > 70 ? s.substring(0, 67) + "..." : s;
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
