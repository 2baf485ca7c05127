package dev.ironkube.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.provider.ResourceRef;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cleanup over a journal in a temporary folder and in-memory deleters: it deletes exactly what the
 * journal says the runs created and still own, newest first, and nothing else.
 */
class CleanupTest {
  @TempDir Path dir;
  private final RecordingProgress progress = new RecordingProgress();
  private final List<String> calls = new ArrayList<>();

  private Journal open() {
    return Journal.open(dir.resolve("demo/journal.jsonl"), Clock.systemUTC(), w -> {});
  }

  private static ResourceRef ref(String kind, String id) {
    return new ResourceRef(kind, id, "ironkube-demo");
  }

  private Cleanup.Deleter recording(String system) {
    return r -> calls.add(system + " " + r.kind() + " " + r.id());
  }

  /** Project, key, two servers and a DNS record, created in that order; one server later gone. */
  private Gate aFailedRun() {
    Gate gate = new Gate(open(), false);
    gate.create("latitude", "project", "ironkube-demo", Map.of(), () -> ref("project", "pr_1"));
    gate.create("latitude", "ssh_key", "ironkube-demo", Map.of(), () -> ref("ssh_key", "ssh_1"));
    gate.create("latitude", "server", "demo-cp-1", Map.of(), () -> ref("server", "sv_1"));
    gate.create("latitude", "server", "demo-cp-2", Map.of(), () -> ref("server", "sv_2"));
    gate.create("cloudflare", "dns_record", "api.demo", Map.of(), () -> ref("dns_record", "rec_1"));
    gate.delete("latitude", ref("server", "sv_2"), () -> {});
    return gate;
  }

  @Test
  void deletesWhatIsOwnedNewestFirstSoServersGoBeforeTheirProject() {
    Gate gate = aFailedRun();
    List<Cleanup.Leftover> left =
        new Cleanup(
                gate,
                Map.of("latitude", recording("latitude"), "cloudflare", recording("cloudflare")),
                progress)
            .run();

    assertThat(left).isEmpty();
    assertThat(calls)
        .containsExactly(
            "cloudflare dns_record rec_1",
            "latitude server sv_1",
            "latitude ssh_key ssh_1",
            "latitude project pr_1");
    assertThat(open().owned()).as("every delete journaled").isEmpty();
    assertThat(progress.lines()).contains("step: Deleting server ironkube-demo (sv_1)");
  }

  @Test
  void neverDeletesWhatTheJournalDoesNotOwn() {
    Gate gate = new Gate(open(), false);
    gate.create("latitude", "server", "demo-cp-1", Map.of(), () -> ref("server", "sv_1"));
    gate.delete("latitude", ref("server", "sv_1"), () -> {});
    // A create whose answer never came: the server may exist, but it is not known to be ours by
    // id, so cleanup leaves finding it to discovery by markers rather than guessing an id.
    try {
      gate.create(
          "latitude",
          "server",
          "demo-cp-2",
          Map.of(),
          () -> {
            throw new OperationFailedException("answer lost", "");
          });
    } catch (OperationFailedException expected) {
      // recorded as an unconfirmed create
    }
    // An action is not a resource.
    gate.act("talos", "bootstrap etcd", Map.of(), () -> null);

    List<Cleanup.Leftover> left =
        new Cleanup(gate, Map.of("latitude", recording("latitude")), progress).run();

    assertThat(left).isEmpty();
    assertThat(calls).as("sv_1 is already deleted; nothing else is owned").isEmpty();
  }

  @Test
  void aFailedDeleteIsALeftoverTheOthersStillGoAndARerunFinishes() {
    Gate gate = aFailedRun();
    Cleanup.Deleter flaky =
        r -> {
          if (r.id().equals("sv_1")) {
            throw new OperationFailedException("503 from Latitude.sh", "");
          }
          calls.add("latitude " + r.kind() + " " + r.id());
        };
    List<Cleanup.Leftover> left =
        new Cleanup(
                gate, Map.of("latitude", flaky, "cloudflare", recording("cloudflare")), progress)
            .run();

    assertThat(left)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.system()).isEqualTo("latitude");
              assertThat(l.ref()).isEqualTo(ref("server", "sv_1"));
              assertThat(l.reason()).contains("503");
            });
    assertThat(calls)
        .containsExactly(
            "cloudflare dns_record rec_1", "latitude ssh_key ssh_1", "latitude project pr_1");
    assertThat(progress.lines()).anyMatch(l -> l.startsWith("  fail: ") && l.contains("503"));

    // The next run reads the journal and deletes only what is left.
    calls.clear();
    Gate next = new Gate(open(), false);
    assertThat(new Cleanup(next, Map.of("latitude", recording("latitude")), progress).run())
        .isEmpty();
    assertThat(calls).containsExactly("latitude server sv_1");
    assertThat(open().owned()).isEmpty();
  }

  @Test
  void aSystemWithoutAClientInThisRunIsALeftoverNotSkippedSilently() {
    Gate gate = aFailedRun();
    List<Cleanup.Leftover> left =
        new Cleanup(gate, Map.of("latitude", recording("latitude")), progress).run();

    assertThat(left)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.ref().id()).isEqualTo("rec_1");
              assertThat(l.reason()).contains("no client for cloudflare");
            });
    assertThat(calls).hasSize(3);
    assertThat(open().owned()).extracting(o -> o.ref().id()).containsExactly("rec_1");
  }

  @Test
  void aFilterLimitsCleanupToWhatItAccepts() {
    Gate gate = aFailedRun();
    // As a failed scale-up does: only the servers this run added go.
    Set<String> added = Set.of("sv_1");
    List<Cleanup.Leftover> left =
        new Cleanup(gate, Map.of("latitude", recording("latitude")), progress)
            .run(o -> added.contains(o.ref().id()));

    assertThat(left).isEmpty();
    assertThat(calls).containsExactly("latitude server sv_1");
    assertThat(open().owned())
        .extracting(o -> o.ref().id())
        .containsExactly("pr_1", "ssh_1", "rec_1");
  }

  @Test
  void describeNamesKindNameAndId() {
    assertThat(Cleanup.describe(new ResourceRef("ssh_key", "ssh_1", "ironkube-demo")))
        .isEqualTo("ssh key ironkube-demo (ssh_1)");
  }
}
