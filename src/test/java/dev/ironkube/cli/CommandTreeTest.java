package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command tree: the product's commands alone for a run naming one, the simulator's {@code sim}
 * with the harnesses under it (contributed from their own packages) for a run naming it, and
 * everything, {@code help} last, for usage help.
 */
class CommandTreeTest {
  private static final CliEnvironment ENV =
      new CliEnvironment(
          Map.of(),
          Path.of("/nonexistent"),
          InputStream.nullInputStream(),
          new PrintStream(OutputStream.nullOutputStream()),
          new PrintStream(OutputStream.nullOutputStream()),
          Clock.systemUTC(),
          false,
          false,
          Signals.NONE,
          null);

  @Test
  void aProductCommandComesAlone() {
    assertThat(Ironkube.commandLine(ENV, "plans").getSubcommands().keySet())
        .containsExactly("plans");
  }

  @Test
  void simComesWithTheHarnessesUnderIt() {
    var tree = Ironkube.commandLine(ENV, "sim").getSubcommands();
    assertThat(tree.keySet()).containsExactly("sim");
    assertThat(tree.get("sim").getSubcommands().keySet())
        .containsExactly("status", "stop", "chaos", "bench");
    assertThat(tree.get("sim").getSubcommands().get("chaos").getCommand().getClass().getName())
        .startsWith("dev.ironkube.harness.chaos.");
  }

  @Test
  void usageHelpListsEveryCommandWithHelpLast() {
    List<String> names = List.copyOf(Ironkube.commandLine(ENV, null).getSubcommands().keySet());
    assertThat(names).contains("plans", "provision", "destroy", "config", "sim");
    assertThat(names.get(names.size() - 1)).isEqualTo("help");
    assertThat(names.indexOf("sim")).isGreaterThan(names.indexOf("config"));
  }
}
