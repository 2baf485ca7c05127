package dev.ironkube.cli;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.workflow.Prompter;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** Asks the person at the terminal; questions go to stderr so stdout stays data. */
final class ConsolePrompter implements Prompter {
  private final CliEnvironment env;
  private final boolean allowed;
  private BufferedReader reader;
  private Supplier<AutoCloseable> quiet = () -> () -> {};

  ConsolePrompter(CliEnvironment env, boolean allowed) {
    this.env = env;
    this.allowed = allowed;
  }

  /** Keeps the run's progress display from drawing over a question while it is asked. */
  ConsolePrompter quietWhileAsking(Narration narration) {
    this.quiet = narration::quiet;
    return this;
  }

  /** Runs one question with the progress display held still. */
  private <T> T asking(Supplier<T> question) {
    AutoCloseable hold = quiet.get();
    try {
      return question.get();
    } finally {
      try {
        hold.close();
      } catch (Exception e) {
        // only redrawing the progress failed; the answer stands
      }
    }
  }

  @Override
  public boolean available() {
    return allowed && env.interactive();
  }

  private String readLine() {
    try {
      if (reader == null) {
        reader = new BufferedReader(new InputStreamReader(env.in(), StandardCharsets.UTF_8));
      }
      String line = reader.readLine();
      if (line == null) {
        throw new UserInputException(
            "the input ended before a question was answered",
            "pass the choices as flags and --yes");
      }
      return line.strip();
    } catch (IOException e) {
      throw new UserInputException("cannot read the answer: " + e.getMessage(), "");
    }
  }

  @Override
  public int choose(String question, List<String> options, int defaultIndex) {
    return asking(() -> ask(question, options, defaultIndex));
  }

  private int ask(String question, List<String> options, int defaultIndex) {
    PrintStream err = env.err();
    err.println();
    for (int i = 0; i < options.size(); i++) {
      err.printf("  %2d  %s%n", i + 1, options.get(i));
    }
    while (true) {
      err.print("\n  " + question + " [" + (defaultIndex + 1) + "]: ");
      err.flush();
      String answer = readLine();
      if (answer.isEmpty()) {
        return defaultIndex;
      }
      try {
        int n = Integer.parseInt(answer);
        if (n >= 1 && n <= options.size()) {
          return n - 1;
        }
      } catch (NumberFormatException e) {
        // asked again below
      }
      err.println("  Answer with a number from 1 to " + options.size() + ".");
    }
  }

  @Override
  public boolean confirm(String question, boolean defaultAnswer) {
    return asking(
        () -> {
          env.err().print("  " + question + (defaultAnswer ? " [Y/n]: " : " [y/N]: "));
          env.err().flush();
          String answer = readLine().toLowerCase(Locale.ROOT);
          return answer.isEmpty() ? defaultAnswer : answer.startsWith("y");
        });
  }

  @Override
  public Optional<String> secret(String question) {
    return asking(() -> readSecret(question));
  }

  private Optional<String> readSecret(String question) {
    Console console = System.console();
    if (console != null && env.in() == System.in) {
      char[] chars = console.readPassword("  %s: ", question);
      return chars == null || chars.length == 0
          ? Optional.empty()
          : Optional.of(new String(chars).strip());
    }
    env.err().print("  " + question + ": ");
    env.err().flush();
    String line = readLine();
    return line.isEmpty() ? Optional.empty() : Optional.of(line);
  }
}
