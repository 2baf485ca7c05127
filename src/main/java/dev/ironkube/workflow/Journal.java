package dev.ironkube.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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

/**
 * The durable record of everything a run did to the outside world, one JSON object a line, forced
 * to disk before the call it announces is made. Replaying it tells what exists (for resume and
 * cleanup) even after the process was killed at any instant.
 */
public final class Journal {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Path file;
  private final Clock clock;
  private final List<JournalEntry> entries = new ArrayList<>();

  private Journal(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** A journal that keeps nothing on disk: for dry runs, which must leave no trace. */
  public static Journal inMemory(Clock clock) {
    return new Journal(null, clock);
  }

  /** Opens the journal at {@code file}, reading what earlier runs wrote. */
  public static Journal open(Path file, Clock clock) {
    Journal j = new Journal(file, clock);
    if (Files.isRegularFile(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          try {
            j.entries.add(JSON.readValue(line, JournalEntry.class));
          } catch (IOException e) {
            // A kill during a write can leave a torn last line; what precedes it is intact.
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the journal " + file, e);
      }
    }
    return j;
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

  synchronized void append(
      String type,
      String system,
      String action,
      String kind,
      String id,
      String name,
      Map<String, String> data) {
    JournalEntry e =
        new JournalEntry(
            clock.instant(), type, system, action, kind, id, name, data == null ? Map.of() : data);
    if (file == null) {
      entries.add(e);
      return;
    }
    try (FileChannel ch = SecureFiles.openAppend(file)) {
      byte[] line = (JSON.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8);
      ch.write(ByteBuffer.wrap(line));
      ch.force(false);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write the journal " + file, ex);
    }
    entries.add(e);
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

  /** Whether an action whose name starts with {@code prefix} went through ("lock down "). */
  public synchronized boolean hasActedStartingWith(String prefix) {
    return entries.stream()
        .anyMatch(e -> JournalEntry.ACTED.equals(e.type()) && e.name().startsWith(prefix));
  }

  /** Whether any run of this journal ended with {@code outcome} ("provisioned"). */
  public synchronized boolean hadOutcome(String outcome) {
    return entries.stream()
        .anyMatch(e -> JournalEntry.OUTCOME.equals(e.type()) && outcome.equals(e.name()));
  }

  public void outcome(String outcome, String detail) {
    append(JournalEntry.OUTCOME, "", outcome, "", "", outcome, Map.of("detail", detail));
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
