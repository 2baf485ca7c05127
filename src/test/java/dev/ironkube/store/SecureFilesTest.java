package dev.ironkube.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureFilesTest {
  @TempDir Path dir;

  @Test
  void writeNewNeverReplacesAnExistingFile() throws Exception {
    Path secrets = dir.resolve("c/secrets.yaml");
    assertThat(SecureFiles.writeNew(secrets, "live cluster CA".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(SecureFiles.writeNew(secrets, "another run's CA".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(Files.readString(secrets)).isEqualTo("live cluster CA");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
        .isEqualTo("rw-------");
    try (var s = Files.list(secrets.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("secrets.yaml");
    }
  }
}
