package dev.ironkube.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outcomes and action kinds are written and read by type, and old journals still read. */
class JournalVocabularyTest {
  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();

  private Path file() {
    return dir.resolve("demo/journal.jsonl");
  }

  private Journal open() {
    return Journal.open(file(), Clock.systemUTC(), warnings::add);
  }

  /** A line as the previous version wrote it: no "act" member, its checksum over the rest. */
  private void writeOldLine(String body) throws Exception {
    Files.createDirectories(file().getParent());
    String line = body.substring(0, body.length() - 1) + ",\"crc\":\"" + JournalLines.crc(body);
    Files.writeString(
        file(),
        line + "\"}\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  @Test
  void aLockDownIsWrittenAsATypedMemberAndReadBackByKind() throws Exception {
    Journal j = open();
    Gate gate = new Gate(j, false);
    gate.act("talos", "apply config demo-cp-1 (sv_1)", Map.of(), () -> null);
    assertThat(j.hasActed(ActionKind.LOCK_DOWN)).isFalse();
    gate.act("talos", ActionKind.LOCK_DOWN, "lock down demo-cp-1 (sv_1)", Map.of(), () -> null);

    assertThat(Files.readString(file())).contains("\"act\":\"lock-down\"");
    Journal reread = open();
    assertThat(reread.damage().isClean()).isTrue();
    assertThat(reread.hasActed(ActionKind.LOCK_DOWN)).isTrue();
    assertThat(reread.hasActed("lock down demo-cp-1 (sv_1)")).isTrue();
  }

  @Test
  void anIntentAloneIsNotALockDown() {
    Journal j = open();
    Gate gate = new Gate(j, false);
    try {
      gate.act(
          "talos",
          ActionKind.LOCK_DOWN,
          "lock down demo-cp-1 (sv_1)",
          Map.of(),
          () -> {
            throw new IllegalStateException("node did not answer");
          });
    } catch (IllegalStateException expected) {
      // the call failed after its intent was journaled
    }
    assertThat(open().hasActed(ActionKind.LOCK_DOWN)).isFalse();
  }

  @Test
  void anOldLockDownLineWithoutTheKindIsRecognisedFromItsText() throws Exception {
    writeOldLine(
        "{\"at\":\"2026-11-01T10:00:00Z\",\"type\":\"acted\",\"system\":\"talos\","
            + "\"action\":\"lock down demo-cp-1 (sv_1)\",\"name\":\"lock down demo-cp-1 (sv_1)\","
            + "\"data\":{\"address\":\"192.0.2.10\"}}");
    writeOldLine(
        "{\"at\":\"2026-11-01T10:00:01Z\",\"type\":\"outcome\",\"action\":\"provisioned\","
            + "\"name\":\"provisioned\",\"data\":{\"detail\":\"demo-cp-1\"}}");
    Journal j = open();

    assertThat(j.damage().isClean()).isTrue();
    assertThat(j.entries().get(0).act()).isEqualTo(ActionKind.LOCK_DOWN);
    assertThat(j.hasActed(ActionKind.LOCK_DOWN)).isTrue();
    assertThat(j.hadOutcome(Outcome.PROVISIONED)).isTrue();
  }

  @Test
  void anOldActionLineOfAnotherKindIsNotALockDown() throws Exception {
    writeOldLine(
        "{\"at\":\"2026-11-01T10:00:00Z\",\"type\":\"acted\",\"system\":\"talos\","
            + "\"action\":\"apply config demo-cp-1 (sv_1)\","
            + "\"name\":\"apply config demo-cp-1 (sv_1)\"}");
    Journal j = open();

    assertThat(j.entries().get(0).act()).isEqualTo(ActionKind.OTHER);
    assertThat(j.hasActed(ActionKind.LOCK_DOWN)).isFalse();
  }

  @Test
  void aKindFromANewerVersionReadsAsOtherAndIsNotDamage() throws Exception {
    writeOldLine(
        "{\"at\":\"2026-11-01T10:00:00Z\",\"type\":\"acted\",\"system\":\"talos\","
            + "\"action\":\"rotate keys demo-cp-1\",\"name\":\"rotate keys demo-cp-1\","
            + "\"act\":\"rotate-keys\"}");
    Journal j = open();

    assertThat(j.damage().isClean()).isTrue();
    assertThat(j.entries().get(0).act()).isEqualTo(ActionKind.OTHER);
  }

  @Test
  void everyOutcomeRoundTripsByType() {
    for (Outcome o : Outcome.values()) {
      Path f = dir.resolve(o.name() + "/journal.jsonl");
      Journal.open(f, Clock.systemUTC(), warnings::add).outcome(o, "detail");
      Journal read = Journal.open(f, Clock.systemUTC(), warnings::add);
      assertThat(read.lastOutcome()).contains(o.wire());
      assertThat(read.hadOutcome(o)).isTrue();
      assertThat(Outcome.fromWire(o.wire())).contains(o);
      for (Outcome other : Outcome.values()) {
        if (other != o) {
          assertThat(read.hadOutcome(other)).isFalse();
        }
      }
    }
    assertThat(Outcome.fromWire("resumed-left-running")).isEmpty();
  }
}
