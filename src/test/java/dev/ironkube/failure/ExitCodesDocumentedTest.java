package dev.ironkube.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's exit-code table lists exactly the codes the commands use, each with a kind word. */
class ExitCodesDocumentedTest {
  @Test
  void theReadmeTableAndTheConstantsAgree() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String table = readme.substring(readme.indexOf("## Exit codes"));
    table = table.substring(0, table.indexOf("\n## ", 5));
    Set<Integer> documented = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\| (\\d+) \\|").matcher(table);
    while (m.find()) {
      documented.add(Integer.parseInt(m.group(1)));
    }
    Set<Integer> defined = new TreeSet<>();
    for (Field f : ExitCodes.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
        defined.add(f.getInt(null));
      }
    }
    assertThat(documented).isEqualTo(defined);
    for (int code : defined) {
      assertThat(ExitCodes.kind(code)).as("kind of " + code).isNotEqualTo("error");
    }
  }
}
