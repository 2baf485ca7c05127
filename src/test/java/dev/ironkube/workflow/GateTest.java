package dev.ironkube.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.provider.ResourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's journaling over a journal file in a temporary folder: the intent is on disk before the
 * call is made, the result right after, so whatever instant a run dies at, a re-opened journal says
 * what may exist.
 */
class GateTest {
  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();

  private Path file() {
    return dir.resolve("demo/journal.jsonl");
  }

  private Journal open() {
    return Journal.open(file(), Clock.systemUTC(), warnings::add);
  }

  private static ResourceRef server(String id) {
    return new ResourceRef(ResourceRef.SERVER, id, "demo-cp-1");
  }

  @Test
  void aCreateIsOnDiskAsAnIntentBeforeTheCallAndOwnedAfterIt() {
    Gate gate = new Gate(open(), false);
    ResourceRef made =
        gate.create(
            "latitude",
            ResourceRef.SERVER,
            "demo-cp-1",
            Map.of("plan", "c2-small-x86"),
            () -> {
              // What a process killed right now would leave behind.
              Journal onDisk = open();
              assertThat(onDisk.unconfirmedCreates())
                  .singleElement()
                  .satisfies(
                      e -> {
                        assertThat(e.system()).isEqualTo("latitude");
                        assertThat(e.name()).isEqualTo("demo-cp-1");
                        assertThat(e.data()).containsEntry("plan", "c2-small-x86");
                      });
              assertThat(onDisk.owned()).isEmpty();
              return server("sv_1");
            });

    assertThat(made).isEqualTo(server("sv_1"));
    Journal reopened = open();
    assertThat(reopened.unconfirmedCreates()).isEmpty();
    assertThat(reopened.owned()).containsExactly(new Journal.Owned("latitude", server("sv_1")));
    assertThat(gate.journal().owned()).isEqualTo(reopened.owned());
  }

  @Test
  void aCreateWhoseCallFailsLeavesAnUnconfirmedIntentAndNothingOwned() {
    Gate gate = new Gate(open(), false);
    assertThatThrownBy(
            () ->
                gate.create(
                    "latitude",
                    ResourceRef.SERVER,
                    "demo-cp-1",
                    Map.of(),
                    () -> {
                      throw new OperationFailedException("answer lost", "");
                    }))
        .hasMessage("answer lost");

    // The server may exist (the answer was lost): resume must look for it by its markers.
    Journal reopened = open();
    assertThat(reopened.owned()).isEmpty();
    assertThat(reopened.unconfirmedCreates())
        .extracting(JournalEntry::name)
        .containsExactly("demo-cp-1");
  }

  @Test
  void anAdoptedResourceIsOwnedAndSettlesTheUnconfirmedCreate() {
    Gate gate = new Gate(open(), false);
    try {
      gate.create(
          "latitude",
          ResourceRef.SERVER,
          "demo-cp-1",
          Map.of(),
          () -> {
            throw new OperationFailedException("answer lost", "");
          });
    } catch (OperationFailedException expected) {
      // the resume below finds it
    }
    Gate resumed = new Gate(open(), false);
    resumed.adopt("latitude", server("sv_9"));

    Journal reopened = open();
    assertThat(reopened.unconfirmedCreates()).isEmpty();
    assertThat(reopened.owned()).containsExactly(new Journal.Owned("latitude", server("sv_9")));
  }

  @Test
  void aDeleteKeepsTheResourceOwnedUntilItsCallReturned() {
    Gate gate = new Gate(open(), false);
    gate.create("latitude", ResourceRef.SERVER, "demo-cp-1", Map.of(), () -> server("sv_1"));
    int before = gate.journal().entries().size();

    gate.delete(
        "latitude",
        server("sv_1"),
        () -> {
          Journal onDisk = open();
          assertThat(onDisk.entries()).hasSize(before + 1);
          assertThat(onDisk.entries().get(before).action()).isEqualTo("delete server");
          // Killed now, the next cleanup still deletes it ("already gone" is success there).
          assertThat(onDisk.owned()).extracting(Journal.Owned::ref).containsExactly(server("sv_1"));
        });

    assertThat(open().owned()).isEmpty();
    assertThat(open().entries()).hasSize(before + 2);
  }

  @Test
  void aFailedDeleteLeavesTheResourceOwned() {
    Gate gate = new Gate(open(), false);
    gate.create("latitude", ResourceRef.SERVER, "demo-cp-1", Map.of(), () -> server("sv_1"));
    assertThatThrownBy(
            () ->
                gate.delete(
                    "latitude",
                    server("sv_1"),
                    () -> {
                      throw new OperationFailedException("503", "");
                    }))
        .hasMessage("503");
    assertThat(open().owned()).extracting(Journal.Owned::ref).containsExactly(server("sv_1"));
  }

  @Test
  void anActionIsRememberedOnlyOnceItsCallReturned() {
    Gate gate = new Gate(open(), false);
    assertThatThrownBy(
            () ->
                gate.act(
                    "talos",
                    "bootstrap etcd",
                    Map.of(),
                    () -> {
                      throw new OperationFailedException("refused", "");
                    }))
        .hasMessage("refused");
    assertThat(open().hasActed("bootstrap etcd")).isFalse();

    String answer = gate.act("talos", "bootstrap etcd", Map.of("node", "demo-cp-1"), () -> "ok");
    assertThat(answer).isEqualTo("ok");
    Journal reopened = open();
    assertThat(reopened.hasActed("bootstrap etcd")).isTrue();
    assertThat(reopened.owned()).as("an action owns nothing to delete").isEmpty();
  }

  @Test
  void aDryRunRefusesEveryMutationBeforeJournalingOrCalling() {
    Journal journal = Journal.inMemory(Clock.systemUTC());
    Gate gate = new Gate(journal, true);
    AtomicBoolean called = new AtomicBoolean();

    assertThatThrownBy(
            () ->
                gate.create(
                    "latitude",
                    ResourceRef.SERVER,
                    "demo-cp-1",
                    Map.of(),
                    () -> {
                      called.set(true);
                      return server("sv_1");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("create server demo-cp-1")
        .hasMessageContaining("nothing was sent");
    assertThatThrownBy(() -> gate.delete("latitude", server("sv_1"), () -> called.set(true)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("delete server sv_1");
    assertThatThrownBy(
            () ->
                gate.act(
                    "talos",
                    "apply config demo-cp-1",
                    Map.of(),
                    () -> {
                      called.set(true);
                      return null;
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(called).isFalse();
    assertThat(journal.entries()).isEmpty();
    assertThat(gate.dryRun()).isTrue();
  }

  @Test
  void aJournalThatCannotBeWrittenStopsACreateBeforeItsCallButNeverADelete() throws IOException {
    Journal.Appender full =
        (f, line) -> {
          throw new IOException("No space left on device");
        };
    Path fallbackDir = Files.createDirectories(dir.resolve("fallback"));
    Journal journal =
        Journal.open(
            file(), Clock.systemUTC(), full, new Journal.Fallback(fallbackDir, warnings::add));
    Gate gate = new Gate(journal, false);
    AtomicBoolean ordered = new AtomicBoolean();

    assertThatThrownBy(
            () ->
                gate.create(
                    "latitude",
                    ResourceRef.SERVER,
                    "demo-cp-1",
                    Map.of(),
                    () -> {
                      ordered.set(true);
                      return server("sv_1");
                    }))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("nothing more is created");
    assertThat(ordered).as("nothing created that cleanup could not find").isFalse();

    AtomicBoolean deleted = new AtomicBoolean();
    gate.delete("latitude", server("sv_2"), () -> deleted.set(true));
    assertThat(deleted).as("billing stops first").isTrue();
    assertThat(warnings).anyMatch(w -> w.contains("deleting goes on"));
    try (var files = Files.list(fallbackDir)) {
      Path recorded = files.findFirst().orElseThrow();
      assertThat(Files.readString(recorded)).contains("sv_2");
    }
  }
}
