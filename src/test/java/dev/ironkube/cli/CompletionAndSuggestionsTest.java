package dev.ironkube.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.failure.ExitCodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mistyped command or option names the one meant; `completion` prints scripts that complete
 * commands, subcommands and options (the bash one is run by bash itself).
 */
class CompletionAndSuggestionsTest {
  private final CliRun cli = new CliRun();
  @TempDir Path dir;

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void typosNameWhatWasMeant() {
    CliRun.Result r = cli.run("destory", "demo");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err())
        .contains("'destory' is not a command of ironkube")
        .contains("did you mean 'destroy'?")
        .doesNotContain("restore");
    assertThat(cli.run("provision", "--simulat").err()).contains("did you mean '--simulate'?");
    assertThat(cli.run("credentials", "renw", "x").err()).contains("did you mean 'renew'?");
    assertThat(cli.run("xyzzy").err()).contains("'xyzzy' is not a command").doesNotContain("mean");
    assertThat(ErrorHandler.distance("destory", "destroy")).isEqualTo(1);
    assertThat(ErrorHandler.distance("plans", "plans")).isZero();
  }

  @Test
  void bashCompletesCommandsSubcommandsAndOptions() throws Exception {
    CliRun.Result r = cli.run("completion", "bash");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Path script = dir.resolve("ironkube.bash");
    Files.writeString(script, r.out());
    assertThat(complete(script, "ironkube", "prov")).contains("provision");
    assertThat(complete(script, "ironkube", "provision", "--sim")).contains("--simulate");
    assertThat(complete(script, "ironkube", "credentials", "")).contains("renew");
    assertThat(complete(script, "ironkube", "completion", "")).contains("bash", "zsh", "fish");
    assertThat(cli.run("completion", "zsh").out()).contains("bashcompinit");
  }

  @Test
  void fishGetsAScriptOfItsOwn() {
    CliRun.Result r = cli.run("completion", "fish");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("-a provision -d 'Order bare-metal servers")
        .contains("__fish_seen_subcommand_from provision' -l simulate")
        .contains("__fish_seen_subcommand_from credentials' -a renew")
        .doesNotContain("%n");
    assertThat(cli.run("completion", "tcsh").exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
  }

  /** What bash offers for the words typed so far, the last one being completed. */
  private String complete(Path script, String... words) throws Exception {
    String line = String.join(" ", words);
    String program =
        "source "
            + script
            + "\nCOMP_WORDS=("
            + quoted(words)
            + ")\nCOMP_CWORD="
            + (words.length - 1)
            + "\nCOMP_LINE='"
            + line
            + "'\nCOMP_POINT="
            + line.length()
            + "\n_complete_ironkube ironkube\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Process p = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  private static String quoted(String[] words) {
    StringBuilder b = new StringBuilder();
    for (String w : words) {
      b.append(" '").append(w).append('\'');
    }
    return b.toString();
  }
}
