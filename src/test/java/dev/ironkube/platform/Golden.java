package dev.ironkube.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares rendered YAML with a file under src/test/resources/golden/platform; run the tests with
 * {@code -Dironkube.updateGolden=true} to rewrite the files after an intended change.
 */
final class Golden {
  private static final Path DIR = Path.of("src", "test", "resources", "golden", "platform");

  private Golden() {}

  static void assertMatches(String name, String actual) {
    Path file = DIR.resolve(name);
    try {
      if (Boolean.getBoolean("ironkube.updateGolden")) {
        Files.createDirectories(DIR);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(file)
          .as("golden file %s missing; run with -Dironkube.updateGolden=true", file)
          .exists();
      assertThat(actual)
          .as("%s differs; if intended, run with -Dironkube.updateGolden=true", file)
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
