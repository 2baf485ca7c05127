package dev.ironkube.store;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One mutating run per cluster at a time. Two runs of one cluster would each order servers, and the
 * second would overwrite the first's secrets bundle and clean up over a live cluster; so provision,
 * scale and destroy hold this lock from before they write anything until they end.
 *
 * <p>The operating system's lock on the file is what counts: it dies with its process, however the
 * process ends (kill -9 included), so a stale lock is simply one whose file still names a holder
 * while nobody holds the lock; it is taken over with a notice. The holder's pid, host, command and
 * start time are written inside so that a refused run can say who holds it. The file is never
 * deleted: deleting a lock file lets two runs lock two different files of one name.
 */
public final class ClusterLock implements AutoCloseable {
  /** Who holds (or last held) a cluster's lock, as written in the lock file. */
  public record Holder(long pid, String host, String command, Instant since) {
    String describe() {
      return "pid " + pid + " on " + host + ", '" + command + "', since " + since;
    }
  }

  private final FileChannel channel;
  private final FileLock lock;

  private ClusterLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of the cluster whose lock file is {@code file}, or refuses (exit 2, nothing
   * touched) naming the run that holds it.
   *
   * @param cluster the cluster's name, for messages
   * @param command what this run is ("provision", "destroy"), written for others to read
   * @param notice told when a stale lock of a dead run is taken over
   */
  public static ClusterLock acquire(
      Path file, String cluster, String command, Clock clock, Consumer<String> notice) {
    SecureFiles.createPrivateDirectories(file.toAbsolutePath().getParent());
    FileChannel ch = null;
    try {
      ch =
          FileChannel.open(
              file,
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      FileLock lock;
      boolean unsupported = false;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        // Held by another run inside this same JVM (tests, the chaos harness).
        lock = null;
      } catch (IOException e) {
        // A file system without locks (some network mounts): the pid written inside decides.
        lock = null;
        unsupported = true;
      }
      Optional<Holder> previous = read(ch);
      boolean free = unsupported && previous.map(p -> !mayBeAlive(p)).orElse(true);
      if (lock == null && !free) {
        throw busy(cluster, previous);
      }
      previous.ifPresent(
          p ->
              notice.accept(
                  "took over the lock of cluster "
                      + cluster
                      + " left by a run that ended without releasing it ("
                      + p.describe()
                      + "; "
                      + (!p.host().equals(hostname())
                          ? "on another host; its lock is free"
                          : mayBeAlive(p)
                              ? "a process with that pid runs but holds no lock"
                              : "that process is gone")
                      + ")"));
      Holder me = new Holder(ProcessHandle.current().pid(), hostname(), command, clock.instant());
      write(ch, me);
      ClusterLock held = new ClusterLock(ch, lock);
      ch = null;
      return held;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock cluster " + cluster + " (" + file + ")", e);
    } finally {
      closeQuietly(ch);
    }
  }

  /** Who holds the lock at {@code file} now, if anyone: for read-only commands that report it. */
  public static Optional<Holder> holder(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(ch);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static UserInputException busy(String cluster, Optional<Holder> holder) {
    return new UserInputException(
        "cluster "
            + cluster
            + " is busy: another ironkube run holds its lock ("
            + holder.map(Holder::describe).orElse("it is starting; no details written yet")
            + "); this run changed nothing",
        "wait for that run to end (or stop it with Ctrl-C) and try again; 'ironkube status "
            + cluster
            + "' reads the cluster meanwhile",
        ExitCodes.INVALID_INPUT);
  }

  /** Whether the holder's process may still run: only this host's processes can be checked. */
  private static boolean mayBeAlive(Holder h) {
    if (!h.host().equals(hostname())) {
      return true;
    }
    return h.pid() != ProcessHandle.current().pid()
        && ProcessHandle.of(h.pid()).map(ProcessHandle::isAlive).orElse(false);
  }

  static Optional<Holder> read(FileChannel ch) throws IOException {
    long size = Math.min(ch.size(), 8192);
    if (size == 0) {
      return Optional.empty();
    }
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
      // read until full or end of file
    }
    Properties p = new Properties();
    p.load(new StringReader(new String(buf.array(), 0, buf.position(), UTF8)));
    try {
      return Optional.of(
          new Holder(
              Long.parseLong(p.getProperty("pid", "").strip()),
              p.getProperty("host", "unknown host"),
              p.getProperty("command", "unknown command"),
              Instant.parse(p.getProperty("since", "").strip())));
    } catch (RuntimeException e) {
      // A holder cut off while writing its details: nobody to name.
      return Optional.empty();
    }
  }

  private static void write(FileChannel ch, Holder h) throws IOException {
    String text =
        "# ironkube: the run that holds this cluster; the lock itself is the OS lock on this file\n"
            + "pid="
            + h.pid()
            + "\nhost="
            + oneLine(h.host())
            + "\ncommand="
            + oneLine(h.command())
            + "\nsince="
            + h.since()
            + "\n";
    ch.truncate(0);
    ByteBuffer buf = ByteBuffer.wrap(text.getBytes(UTF8));
    long at = 0;
    while (buf.hasRemaining()) {
      at += ch.write(buf, at);
    }
    ch.force(true);
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }

  static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** Clears the holder's details, then releases: a file left naming a holder means a crash. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      channel.force(true);
    } catch (IOException e) {
      // Released below all the same; the next run reports a stale holder and takes over.
    }
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException e) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // nothing left to do
      }
    }
  }

  private static final Charset UTF8 = StandardCharsets.UTF_8;
}
