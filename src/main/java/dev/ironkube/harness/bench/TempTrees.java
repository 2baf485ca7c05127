package dev.ironkube.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the throwaway homes the benchmark's runs use (they hold generated secrets). */
final class TempTrees {
  private TempTrees() {}

  static void delete(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temp folder is harmless; the run's figures are what matter
    }
  }
}
