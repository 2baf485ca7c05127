package dev.ironkube.sim;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared contract data lives; a test that needs it fails loudly when it is missing. */
public final class Contracts {
  private Contracts() {}

  public static Path dir(String system) {
    String root = System.getProperty("ironkube.contracts");
    if (root == null || root.isBlank()) {
      throw new AssertionError(
          "system property ironkube.contracts is not set; run the tests through ./mvnw");
    }
    Path dir = Path.of(root, system);
    if (!Files.isDirectory(dir)) {
      throw new AssertionError("contract folder " + dir + " is missing (ironkube.contracts)");
    }
    return dir;
  }
}
