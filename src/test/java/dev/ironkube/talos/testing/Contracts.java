package dev.ironkube.talos.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared Talos contract files, located through the ironkube.contracts system property. */
public final class Contracts {
  private Contracts() {}

  public static Path talos() {
    String root = System.getProperty("ironkube.contracts");
    if (root == null || root.isBlank()) {
      throw new IllegalStateException(
          "system property ironkube.contracts is not set; run the tests through ./mvnw, whose"
              + " surefire configuration points it at shared/contracts");
    }
    Path talos = Path.of(root, "talos");
    if (!Files.isDirectory(talos)) {
      throw new IllegalStateException("ironkube.contracts=" + root + " has no talos/ folder");
    }
    return talos;
  }

  public static String read(String relative) {
    try {
      return Files.readString(talos().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException("contract file " + relative + " is missing", e);
    }
  }
}
