package dev.ironkube.provider.latitude;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared contract data lives. A missing folder fails the test: a client test that passes
 * without the recorded traffic proves nothing.
 */
final class Contracts {
  private Contracts() {}

  static Path latitude() {
    String root = System.getProperty("ironkube.contracts");
    if (root == null || root.isBlank()) {
      throw new IllegalStateException(
          "system property ironkube.contracts is not set; run the tests through Maven (surefire sets it)");
    }
    Path dir = Path.of(root, "latitude");
    if (!Files.isDirectory(dir.resolve("recorded"))
        || !Files.isRegularFile(dir.resolve("openapi.yaml"))) {
      throw new IllegalStateException(
          "Latitude contracts not found under "
              + dir.toAbsolutePath()
              + " (ironkube.contracts="
              + root
              + ")");
    }
    return dir;
  }

  static Path recorded(String file) {
    Path path = latitude().resolve("recorded").resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("recorded cassette missing: " + path.toAbsolutePath());
    }
    return path;
  }
}
