package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.sim.launch.Simulation;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every example in --help fits an 80-column terminal unwrapped (so it copies as one line) and
 * parses as written: its options and subcommands exist.
 */
class HelpExamplesTest {
  private static final int WIDTH = 80;
  private final CliRun cli = new CliRun();

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void everyExampleFitsEightyColumnsAndParses() {
    Map<String, List<String>> examples = examplesByCommand();
    assertThat(examples).containsKeys("ironkube", "ironkube provision", "ironkube config show");
    List<String> problems = new ArrayList<>();
    for (var entry : examples.entrySet()) {
      cli.env.put("COLUMNS", Integer.toString(WIDTH));
      String[] path = entry.getKey().split(" ");
      String[] helpArgs = new String[path.length];
      System.arraycopy(path, 1, helpArgs, 0, path.length - 1);
      helpArgs[path.length - 1] = "--help";
      String help = cli.run(helpArgs).out();
      int longest = help.lines().mapToInt(String::length).max().orElse(0);
      if (longest > WIDTH) {
        problems.add(entry.getKey() + ": help is " + longest + " columns wide");
      }
      for (String example : entry.getValue()) {
        for (String physical : example.split("\n")) {
          if (help.lines().noneMatch(l -> l.strip().equals(physical.strip()))) {
            problems.add(entry.getKey() + ": wrapped at " + WIDTH + ": " + physical.strip());
          }
        }
        String line = example.replace("\\\n", " ");
        String parseProblem = parses(line.strip());
        if (parseProblem != null) {
          problems.add(
              entry.getKey() + ": does not parse: " + line.strip() + " (" + parseProblem + ")");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /** The example lines (" ironkube ...") of every command's description, by command path. */
  private Map<String, List<String>> examplesByCommand() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    collect(Ironkube.commandLine(environment()), out);
    return out;
  }

  private static void collect(CommandLine cl, Map<String, List<String>> out) {
    // An example starts with "ironkube " and goes on over lines that end with a backslash.
    List<String> lines = new ArrayList<>();
    boolean continued = false;
    for (String d : cl.getCommandSpec().usageMessage().description()) {
      for (String l : d.lines().toList()) {
        if (continued) {
          lines.set(lines.size() - 1, lines.getLast() + "\n" + l);
        } else if (l.strip().startsWith("ironkube ")) {
          lines.add(l);
        }
        continued = (continued || l.strip().startsWith("ironkube ")) && l.endsWith("\\");
      }
    }
    if (!lines.isEmpty()) {
      out.put(cl.getCommandSpec().qualifiedName(" "), lines);
    }
    cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, out));
  }

  /** Parses the example's ironkube words (up to a shell operator or comment); null when fine. */
  private String parses(String example) {
    List<String> words = new ArrayList<>();
    for (String w : shellWords(example)) {
      if (List.of(">", "|", "&&", "<", "2>", ";").contains(w) || w.startsWith("#")) {
        break;
      }
      words.add(w);
    }
    try {
      Ironkube.commandLine(environment())
          .parseArgs(words.subList(1, words.size()).toArray(String[]::new));
      return null;
    } catch (CommandLine.ParameterException e) {
      return e.getMessage();
    }
  }

  private static List<String> shellWords(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (char ch : line.toCharArray()) {
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else {
          w.append(ch);
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        inWord = true;
      } else if (Character.isWhitespace(ch)) {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(ch);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(w.toString());
    }
    return words;
  }

  private CliEnvironment environment() {
    return new CliEnvironment(
        Map.of("COLUMNS", Integer.toString(WIDTH)),
        cli.userHome,
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(OutputStream.nullOutputStream()),
        new PrintStream(OutputStream.nullOutputStream()),
        Clock.systemUTC(),
        false,
        false,
        Signals.NONE,
        Simulation.shared(cli.sim));
  }
}
