package dev.ironkube.workflow;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.store.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable record of everything a run did to the outside world, one JSON object a line, forced
 * to disk before the call it announces is made. Replaying it tells what exists (for resume and
 * cleanup) even after the process was killed at any instant.
 *
 * <p>Each entry is written with one write of the whole line and its checksum, then forced; reading
 * reports a cut-off last line or damaged lines ({@link #damage()}) instead of guessing past them.
 * When the journal cannot be written (a full disk, a read-only file system), creating anything is
 * refused, but deleting goes on: the deletes and outcomes are recorded in a fallback file and
 * narrated, because a journal that cannot be written must never keep a server billing.
 */
public final class Journal {
  /** Writes one complete line at the end of the journal file and forces it to disk. */
  @FunctionalInterface
  public interface Appender {
    void append(Path file, byte[] line) throws IOException;

    /** The real file: one write of the whole line, then force; the folder forced on creation. */
    Appender FILE =
        (file, line) -> {
          boolean created = !Files.exists(file);
          try (FileChannel ch = SecureFiles.openAppend(file)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
              ch.write(buf);
            }
            ch.force(false);
          }
          if (created) {
            SecureFiles.forceDirectory(file.toAbsolutePath().getParent());
          }
        };
  }

  /**
   * Where entries go when the journal cannot take them: a file in {@code dir} (not the cluster's
   * folder, whose disk may be what failed) and the run's narration.
   */
  public record Fallback(Path dir, Consumer<String> warn) {
    /** The system's temporary folder, narrated through {@code warn}. */
    public static Fallback temporary(Consumer<String> warn) {
      return new Fallback(Path.of(System.getProperty("java.io.tmpdir")), warn);
    }
  }

  private final Path file;
  private final Clock clock;
  private final Appender appender;
  private final Fallback fallback;
  private final List<JournalEntry> entries = new ArrayList<>();
  private JournalDamage damage = JournalDamage.none(0);
  private boolean needsNewline;
  private Path fallbackFile;

  private Journal(Path file, Clock clock, Appender appender, Fallback fallback) {
    this.file = file;
    this.clock = clock;
    this.appender = appender;
    this.fallback = fallback;
  }

  /** A journal that keeps nothing on disk: for dry runs, which must leave no trace. */
  public static Journal inMemory(Clock clock) {
    return new Journal(null, clock, null, null);
  }

  /** Opens the journal at {@code file}, reading what earlier runs wrote; see {@link #damage()}. */
  public static Journal open(Path file, Clock clock, Consumer<String> warn) {
    return open(file, clock, Appender.FILE, Fallback.temporary(warn));
  }

  /** As {@link #open(Path, Clock, Consumer)}, with the writer and fallback chosen (tests). */
  public static Journal open(Path file, Clock clock, Appender appender, Fallback fallback) {
    Journal j = new Journal(file, clock, appender, fallback);
    if (Files.exists(file)) {
      try {
        JournalLines.Read read = JournalLines.decode(Files.readAllBytes(file));
        j.entries.addAll(read.entries());
        j.damage = read.damage();
        // A cut-off last line must not swallow the next entry: that one starts on a line of its
        // own.
        j.needsNewline = !read.endsWithNewline();
      } catch (IOException | RuntimeException e) {
        j.damage = JournalDamage.unreadable(e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }
    return j;
  }

  /** What was wrong with the file when it was opened; clean for a new or in-memory journal. */
  public JournalDamage damage() {
    return damage;
  }

  public Path file() {
    return file;
  }

  public synchronized List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  public synchronized boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * Records an entry before (intent) or after (result) the call it describes. The entry counts in
   * memory even when the disk refuses it, so this run's cleanup still knows what exists.
   *
   * @throws OperationFailedException when the journal cannot be written: nothing may be created
   *     that cleanup could not later find
   */
  synchronized void append(
      String type,
      String system,
      String action,
      String kind,
      String id,
      String name,
      Map<String, String> data) {
    record(entry(type, system, action, kind, id, name, data), false);
  }

  /** As {@link #append}, for an action line: its kind is a typed member of the line. */
  synchronized void appendAction(
      String type, String system, ActionKind act, String action, Map<String, String> data) {
    JournalEntry e = entry(type, system, action, "", "", action, data);
    record(
        new JournalEntry(
            e.at(), e.type(), e.system(), e.action(), e.kind(), e.id(), e.name(), e.data(), act),
        false);
  }

  /**
   * Records a delete or an outcome. When the journal cannot take it, the entry goes to the fallback
   * file and the narration instead and the run goes on: stopping the billing matters more than the
   * record.
   */
  synchronized void appendOrFallBack(
      String type,
      String system,
      String action,
      String kind,
      String id,
      String name,
      Map<String, String> data) {
    record(entry(type, system, action, kind, id, name, data), true);
  }

  /** Keeps {@code e} in memory, then on disk; a refused write falls back or stops the run. */
  private void record(JournalEntry e, boolean mayFallBack) {
    entries.add(e);
    if (file == null) {
      return;
    }
    try {
      write(e);
    } catch (IOException | UncheckedIOException ex) {
      if (mayFallBack) {
        fallBack(e, ex);
        return;
      }
      throw new OperationFailedException(
          "cannot write the journal " + file + ": " + reason(ex) + "; nothing more is created",
          "free space or make " + file.getParent() + " writable, then run the command again",
          ExitCodes.PROVISION_FAILED,
          ex);
    }
  }

  private JournalEntry entry(
      String type,
      String system,
      String action,
      String kind,
      String id,
      String name,
      Map<String, String> data) {
    return new JournalEntry(
        clock.instant(), type, system, action, kind, id, name, data == null ? Map.of() : data);
  }

  private void write(JournalEntry e) throws IOException {
    byte[] line = JournalLines.encode(e);
    if (needsNewline) {
      byte[] withBreak = new byte[line.length + 1];
      withBreak[0] = '\n';
      System.arraycopy(line, 0, withBreak, 1, line.length);
      line = withBreak;
    }
    appender.append(file, line);
    needsNewline = false;
  }

  private void fallBack(JournalEntry e, Exception cause) {
    String line = new String(JournalLines.encode(e), StandardCharsets.UTF_8).strip();
    if (fallbackFile == null) {
      String cluster = file.toAbsolutePath().getParent().getFileName().toString();
      fallbackFile =
          fallback
              .dir()
              .resolve(
                  "ironkube-"
                      + cluster
                      + "-journal-"
                      + clock.instant().toString().replace(":", "").replace("-", "")
                      + ".jsonl");
      fallback
          .warn()
          .accept(
              "cannot write the journal "
                  + file
                  + " ("
                  + reason(cause)
                  + "); deleting goes on so the billing stops, and each delete is recorded in "
                  + fallbackFile
                  + " and below; add that file's lines to the journal once the disk is fixed");
    }
    try {
      Appender.FILE.append(fallbackFile, (line + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException ex) {
      fallback.warn().accept("(" + fallbackFile + " cannot be written either: " + reason(ex) + ")");
    }
    fallback.warn().accept("journal: " + line);
  }

  private static String reason(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /** Records a value the run chose (plan, site, endpoint) so a resumed run keeps it. */
  public void value(String key, String value) {
    append(JournalEntry.VALUE, "", "", "", "", key, Map.of("value", value));
  }

  public synchronized Optional<String> value(String key) {
    String found = null;
    for (JournalEntry e : entries) {
      if (JournalEntry.VALUE.equals(e.type()) && key.equals(e.name())) {
        found = e.data().get("value");
      }
    }
    return Optional.ofNullable(found);
  }

  /** Records that a phase completed: for people reading the journal, not for skipping it. */
  public void phaseDone(String phase) {
    append(JournalEntry.PHASE_DONE, "", phase, "", "", phase, Map.of());
  }

  public synchronized boolean isPhaseDone(String phase) {
    return entries.stream()
        .anyMatch(e -> JournalEntry.PHASE_DONE.equals(e.type()) && phase.equals(e.name()));
  }

  /** Whether a non-resource action ("apply config demo-cp-1") went through in an earlier run. */
  public synchronized boolean hasActed(String action) {
    return entries.stream()
        .anyMatch(e -> JournalEntry.ACTED.equals(e.type()) && action.equals(e.name()));
  }

  /** Whether an action of {@code kind} went through in any run (a node was locked down). */
  public synchronized boolean hasActed(ActionKind kind) {
    return entries.stream().anyMatch(e -> JournalEntry.ACTED.equals(e.type()) && e.act() == kind);
  }

  /** Whether any run of this journal ended with {@code outcome}. */
  public synchronized boolean hadOutcome(Outcome outcome) {
    return entries.stream()
        .anyMatch(e -> JournalEntry.OUTCOME.equals(e.type()) && outcome.wire().equals(e.name()));
  }

  /** Records how a run ended; never throws, so it cannot hide the failure it records. */
  public void outcome(Outcome outcome, String detail) {
    String name = outcome.wire();
    appendOrFallBack(JournalEntry.OUTCOME, "", name, "", "", name, Map.of("detail", detail));
  }

  /** Whether the last run's outcome cannot be told (the line recording it is cut off). */
  public boolean outcomeUncertain() {
    return damage.outcomeUncertain();
  }

  public synchronized Optional<String> lastOutcome() {
    String found = null;
    for (JournalEntry e : entries) {
      if (JournalEntry.OUTCOME.equals(e.type())) {
        found = e.name();
      }
    }
    return Optional.ofNullable(found);
  }

  /** A resource created by this cluster's runs and not yet deleted, with its owning system. */
  public record Owned(String system, ResourceRef ref) {}

  /** What the runs created and have not deleted, oldest first. */
  public synchronized List<Owned> owned() {
    Map<String, Owned> live = new LinkedHashMap<>();
    for (JournalEntry e : entries) {
      String key = e.system() + "/" + e.kind() + "/" + e.id();
      if (JournalEntry.CREATED.equals(e.type())) {
        live.put(key, new Owned(e.system(), new ResourceRef(e.kind(), e.id(), e.name())));
      } else if (JournalEntry.DELETED.equals(e.type())) {
        live.remove(key);
      }
    }
    return List.copyOf(live.values());
  }

  /**
   * Creations announced but never confirmed: the process died, or the response was lost, between
   * the intent and the result. The resource may exist; look for it by its markers.
   */
  public synchronized List<JournalEntry> unconfirmedCreates() {
    List<JournalEntry> open = new ArrayList<>();
    for (JournalEntry e : entries) {
      if (JournalEntry.INTENT.equals(e.type()) && e.action().startsWith("create")) {
        open.add(e);
      } else if (JournalEntry.CREATED.equals(e.type()) || "abandoned".equals(e.type())) {
        open.removeIf(
            i ->
                i.system().equals(e.system())
                    && i.kind().equals(e.kind())
                    && i.name().equals(e.name()));
      }
    }
    return open;
  }

  /** Marks an unconfirmed create as settled: the resource was looked for and is not there. */
  public void abandoned(String system, String kind, String name) {
    append("abandoned", system, "create " + kind, kind, "", name, Map.of());
  }
}
