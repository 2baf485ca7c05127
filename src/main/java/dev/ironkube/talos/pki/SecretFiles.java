package dev.ironkube.talos.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files that hold keys: created with mode 0600 from the start (never chmod-ed later, so no
 * moment exists where another user could open them) and moved into place atomically, so a reader
 * never sees half a bundle.
 */
public final class SecretFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private SecretFiles() {}

  public static void writePrivate(Path target, String content) {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    try {
      Files.createDirectories(directory);
      Path temp =
          posix()
              ? Files.createTempFile(
                  directory,
                  "." + absolute.getFileName(),
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(OWNER_ONLY))
              : Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
      try {
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        move(temp, absolute);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + absolute, e);
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
