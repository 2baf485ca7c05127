package dev.ironkube.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.JournalDamage;
import dev.ironkube.workflow.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The truncated-journal kind damages a journal in a way the journal's own reader must see: a cut or
 * a half line of garbage is a torn last line, a whole line of garbage a corrupt line. Were a cut to
 * leave a readable journal, the kind would test nothing.
 */
class JournalCutTest {
  @TempDir Path dir;

  @Test
  void everyDamageDrawnIsDamageTheJournalReports() throws Exception {
    Set<JournalCut.Damage> seen = EnumSet.noneOf(JournalCut.Damage.class);
    for (int seed = 0; seed < 60; seed++) {
      Path file = dir.resolve("journal-" + seed + ".jsonl");
      Journal written = Journal.open(file, Clock.systemUTC(), w -> {});
      written.value("plan", "c2-small-x86");
      written.outcome(Outcome.PROVISIONED, "");
      long before = Files.size(file);

      // Scrambled: the first draws of Randoms seeded 0, 1, 2... barely differ.
      JournalCut.Damage d = JournalCut.damage(file, new Random(seed * 0x9E3779B97F4A7C15L));
      seen.add(d);

      JournalDamage read = Journal.open(file, Clock.systemUTC(), w -> {}).damage();
      assertThat(read.isClean()).as(d + " at seed " + seed).isFalse();
      if (d == JournalCut.Damage.GARBAGE_LINE) {
        assertThat(read.isCorrupt()).as("a whole line of garbage, seed " + seed).isTrue();
      } else {
        assertThat(read.tornTail()).as(d + " at seed " + seed).isTrue();
        assertThat(read.isCorrupt()).as(d + " at seed " + seed).isFalse();
      }
      if (d == JournalCut.Damage.CUT_LAST_LINE) {
        assertThat(Files.size(file)).isLessThan(before);
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(JournalCut.Damage.values());
  }
}
