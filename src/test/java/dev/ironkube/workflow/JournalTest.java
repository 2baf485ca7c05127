package dev.ironkube.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.provider.ResourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's file: checksummed lines, damage reported and never read as something else. */
class JournalTest {
  @TempDir Path dir;
  private final Clock clock = Clock.systemUTC();
  private final List<String> warnings = new ArrayList<>();

  private Path file() {
    return dir.resolve("demo/journal.jsonl");
  }

  private Journal open() {
    return Journal.open(file(), clock, warnings::add);
  }

  /** A cluster that was provisioned: its server, then the outcome as the last line. */
  private void provisioned() {
    Journal j = open();
    Gate gate = new Gate(j, false);
    gate.create("latitude", "server", "demo-cp-1", Map.of(), () -> server("sv_1"));
    j.outcome(Outcome.PROVISIONED, "demo-cp-1");
  }

  private static ResourceRef server(String id) {
    return new ResourceRef(ResourceRef.SERVER, id, "demo-cp-1");
  }

  private List<String> lines() throws IOException {
    return Files.readAllLines(file());
  }

  private void cutLastLine(int keep) throws IOException {
    String text = Files.readString(file());
    int lastStart = text.lastIndexOf('\n', text.length() - 2) + 1;
    Files.writeString(file(), text.substring(0, lastStart + keep));
  }

  @Test
  void everyLineCarriesItsChecksumAndReadsBackClean() throws Exception {
    provisioned();
    assertThat(lines()).hasSize(3).allMatch(l -> l.matches("\\{.*,\"crc\":\"[0-9a-f]{8}\"}"));
    Journal j = open();
    assertThat(j.damage().isClean()).isTrue();
    assertThat(j.lastOutcome()).contains("provisioned");
    assertThat(j.owned()).extracting(o -> o.ref().id()).containsExactly("sv_1");
  }

  @Test
  void linesWrittenBeforeChecksumsAreStillRead() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(
        file(),
        "{\"at\":\"2026-11-01T10:00:00Z\",\"type\":\"created\",\"system\":\"latitude\",\"action\":"
            + "\"create server\",\"kind\":\"server\",\"id\":\"sv_old\",\"name\":\"demo-cp-1\"}\n"
            + "{\"at\":\"2026-11-01T10:05:00Z\",\"type\":\"outcome\",\"action\":\"provisioned\","
            + "\"name\":\"provisioned\",\"data\":{\"detail\":\"demo-cp-1\"}}\n");
    Journal j = open();
    assertThat(j.damage().isClean()).isTrue();
    assertThat(j.hadOutcome(Outcome.PROVISIONED)).isTrue();
    assertThat(j.owned()).extracting(o -> o.ref().id()).containsExactly("sv_old");
  }

  @Test
  void aProvisionedClusterWhoseOutcomeLineIsCutStillReadsAsProvisioned() throws Exception {
    provisioned();
    // Cut after the outcome's name, before its detail and checksum.
    String last = lines().get(2);
    cutLastLine(last.indexOf("\"name\""));
    Journal j = open();
    assertThat(j.damage().tornTail()).isTrue();
    assertThat(j.damage().isCorrupt()).isFalse();
    assertThat(j.damage().recoveredOutcome()).isEqualTo("provisioned");
    assertThat(j.hadOutcome(Outcome.PROVISIONED)).isTrue();
    assertThat(j.lastOutcome()).contains("provisioned");
    assertThat(j.outcomeUncertain()).isFalse();
    assertThat(j.damage().summary()).contains("cut off").contains("'provisioned'");
  }

  @Test
  void aLineCutTooEarlyToTellLeavesTheOutcomeUnknownNotInProgress() throws Exception {
    provisioned();
    cutLastLine(9);
    Journal j = open();
    assertThat(j.outcomeUncertain()).isTrue();
    assertThat(j.damage().summary()).contains("cannot be told");
    assertThat(j.owned()).hasSize(1);
  }

  @Test
  void theNextEntryAfterACutLineStartsOnALineOfItsOwn() throws Exception {
    provisioned();
    cutLastLine(9);
    open().value("plan", "c2-small-x86");
    Journal j = open();
    assertThat(j.value("plan")).contains("c2-small-x86");
    assertThat(j.damage().corruptLines()).hasSize(1);
    assertThat(j.damage().tornTail()).isFalse();
  }

  @Test
  void aGarbageLineIsReportedByNumber() throws Exception {
    provisioned();
    List<String> l = new ArrayList<>(lines());
    l.add(1, "this is not an entry");
    Files.write(file(), l);
    Journal j = open();
    assertThat(j.damage().isCorrupt()).isTrue();
    assertThat(j.damage().corruptLines()).containsExactly(2);
    assertThat(j.damage().summary()).contains("line 2 of 4 is not a valid entry");
    assertThat(j.owned()).hasSize(1);
  }

  @Test
  void aLineWhoseChecksumFailsIsDamageNotADifferentEntry() throws Exception {
    provisioned();
    List<String> l = new ArrayList<>(lines());
    l.set(1, l.get(1).replace("sv_1", "sv_9"));
    Files.write(file(), l);
    Journal j = open();
    assertThat(j.damage().corruptLines()).containsExactly(2);
    assertThat(j.owned()).isEmpty();
    assertThat(j.unconfirmedCreates()).extracting(JournalEntry::name).containsExactly("demo-cp-1");
  }

  @Test
  void randomBytesAreReportedNotThrown() throws Exception {
    Files.createDirectories(file().getParent());
    byte[] noise = new byte[4096];
    new Random(12).nextBytes(noise);
    Files.write(file(), noise);
    Journal j = open();
    assertThat(j.damage().isCorrupt()).isTrue();
    assertThat(j.damage().summary()).contains("none of its");
    assertThat(j.entries()).isEmpty();
  }

  @Test
  void aJournalThatCannotBeWrittenRefusesCreatesButLetsDeletesThrough() throws Exception {
    provisioned();
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Journal j =
        Journal.open(
            file(),
            clock,
            (f, line) -> {
              throw new IOException("No space left on device");
            },
            new Journal.Fallback(elsewhere, warnings::add));
    Gate gate = new Gate(j, false);
    List<String> called = new ArrayList<>();

    assertThatThrownBy(
            () ->
                gate.create(
                    "latitude",
                    "server",
                    "demo-cp-2",
                    Map.of(),
                    () -> {
                      called.add("create");
                      return server("sv_2");
                    }))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("cannot write the journal")
        .hasMessageContaining("No space left on device");
    assertThat(called).as("nothing created without its intent on disk").isEmpty();

    gate.delete("latitude", server("sv_1"), () -> called.add("delete"));
    j.outcome(Outcome.DESTROYED, "1 resource deleted");
    assertThat(called).containsExactly("delete");
    assertThat(j.owned()).isEmpty();
    assertThat(warnings.get(0))
        .contains("cannot write the journal")
        .contains("No space left on device")
        .contains("billing stops");
    assertThat(warnings).anyMatch(w -> w.startsWith("journal: ") && w.contains("\"deleted\""));
    try (var s = Files.list(elsewhere)) {
      Path fallback = s.findFirst().orElseThrow();
      assertThat(fallback.getFileName().toString()).startsWith("ironkube-demo-journal-");
      String recorded = Files.readString(fallback, StandardCharsets.UTF_8);
      assertThat(recorded).contains("\"type\":\"deleted\"").contains("\"destroyed\"");
    }
    // The real journal was left as it was.
    assertThat(open().owned()).hasSize(1);
  }
}
