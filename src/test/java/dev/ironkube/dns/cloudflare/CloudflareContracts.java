package dev.ironkube.dns.cloudflare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The recorded Cloudflare bodies, through the ironkube.contracts system property. A missing folder
 * fails the test: a replay without the recordings proves nothing.
 */
final class CloudflareContracts {
  private CloudflareContracts() {}

  static String body(String relative) {
    String root = System.getProperty("ironkube.contracts");
    if (root == null || root.isBlank()) {
      throw new IllegalStateException(
          "system property ironkube.contracts is not set; run the tests through Maven (surefire"
              + " sets it)");
    }
    Path file = Path.of(root, "cloudflare", relative);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("Cloudflare contract missing: " + file.toAbsolutePath());
    }
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
