package dev.ironkube.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files that may hold secrets: created 0600 (never chmod-ed after the fact, so there is no
 * moment when they are readable by others) inside folders created 0700, replaced atomically.
 */
public final class SecureFiles {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

  private SecureFiles() {}

  public static Path createPrivateDirectories(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        return dir;
      }
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        createPrivateDirectories(parent);
      }
      try {
        Files.createDirectory(dir, perms(DIR));
      } catch (FileAlreadyExistsException e) {
        // created concurrently: fine
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** Writes {@code content} to {@code file} as 0600, replacing it atomically. */
  public static void write(Path file, byte[] content) {
    Path dir = file.toAbsolutePath().getParent();
    createPrivateDirectories(dir);
    try {
      Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", perms(FILE));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(content));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Writes {@code content} to {@code file} as 0600 only if no such file exists, atomically: the
   * complete temporary file is hard-linked to the name, which fails when the name is taken, so two
   * writers can never both succeed and a reader never sees a partial file. For files that must
   * never be replaced, such as a live cluster's secrets bundle.
   *
   * @return false when the file already existed (it is left as it was)
   */
  public static boolean writeNew(Path file, byte[] content) {
    Path dir = file.toAbsolutePath().getParent();
    createPrivateDirectories(dir);
    try {
      Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", perms(FILE));
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.write(ByteBuffer.wrap(content));
          ch.force(true);
        }
        try {
          Files.createLink(file, tmp);
        } catch (UnsupportedOperationException e) {
          // No hard links here: a move that refuses to replace, checked then done (not atomic).
          Files.move(tmp, file);
        }
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static void write(Path file, String content) {
    write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Opens {@code file} for appending, creating it 0600 when absent. */
  public static FileChannel openAppend(Path file) throws IOException {
    createPrivateDirectories(file.toAbsolutePath().getParent());
    if (!Files.exists(file)) {
      try {
        Files.createFile(file, perms(FILE));
      } catch (FileAlreadyExistsException e) {
        // created concurrently
      }
    }
    return FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /** Forces a folder's entries to disk, so a file just created in it survives a power cut. */
  public static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Not every platform opens folders; the file's own content is forced regardless.
    }
  }

  private static FileAttribute<?>[] perms(Set<PosixFilePermission> p) {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    return posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(p)}
        : new FileAttribute<?>[0];
  }
}
