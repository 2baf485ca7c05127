package dev.ironkube.workflow.destroy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.provider.Account;
import dev.ironkube.provider.BareMetalProvider;
import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.PlanOffer;
import dev.ironkube.provider.Region;
import dev.ironkube.provider.Requirement;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.provider.Server;
import dev.ironkube.provider.ServerOrder;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.Outcome;
import dev.ironkube.workflow.RecordingProgress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Destroy's discovery over a journal in a temporary folder and an in-memory provider: what the
 * journal owns goes newest first, then whatever still carries the cluster's markers, each once.
 */
class DestroyWorkflowTest {
  @TempDir Path dir;
  private final RecordingProgress progress = new RecordingProgress();
  private final FakeProvider provider = new FakeProvider();
  private final List<String> dnsDeletes = new ArrayList<>();

  private Journal open() {
    return Journal.open(dir.resolve("demo/journal.jsonl"), Clock.systemUTC(), w -> {});
  }

  private DestroyWorkflow destroy(boolean dryRun) {
    return new DestroyWorkflow(
        "demo",
        provider,
        new Gate(open(), dryRun),
        progress,
        Map.of("cloudflare", r -> dnsDeletes.add(r.id())));
  }

  private static ResourceRef ref(String kind, String id, String name) {
    return new ResourceRef(kind, id, name);
  }

  /** A run that created a project and a server at the provider and a DNS record, journaled. */
  private void provisioned() {
    Gate gate = new Gate(open(), false);
    gate.create(
        "latitude",
        "project",
        "ironkube-demo",
        Map.of(),
        () -> provider.add(ref("project", "pr_1", "ironkube-demo")));
    gate.journal().value("price", "$0.10/h");
    gate.create(
        "latitude",
        "server",
        "demo-cp-1",
        Map.of(),
        () -> provider.add(ref("server", "sv_1", "demo-cp-1")));
    gate.create(
        "cloudflare",
        "dns_record",
        "api.demo",
        Map.of(),
        () -> ref("dns_record", "rec_1", "api.demo"));
    gate.journal().outcome(Outcome.PROVISIONED, "demo-cp-1");
  }

  @Test
  void deletesTheJournaledResourcesNewestFirstAndRecordsTheOutcome() {
    provisioned();
    DestroyWorkflow.Report report = destroy(false).run();

    assertThat(provider.deleted).containsExactly("server/sv_1", "project/pr_1");
    assertThat(dnsDeletes).containsExactly("rec_1");
    assertThat(provider.live).isEmpty();
    assertThat(report.leftovers()).isEmpty();
    assertThat(report.deleted())
        .containsExactlyInAnyOrder(
            "project ironkube-demo (pr_1)",
            "server demo-cp-1 (sv_1)",
            "dns record api.demo (rec_1)");
    Journal after = open();
    assertThat(after.owned()).isEmpty();
    assertThat(after.lastOutcome()).contains("destroyed");
    assertThat(provider.asked).containsExactly(new ClusterIdentity("demo"));
  }

  @Test
  void aLostJournalLeaksNothingTheMarkersFind() {
    // No journal at all: a server and its project still carry the cluster's markers.
    provider.add(ref("server", "sv_7", "demo-cp-1"));
    provider.add(ref("project", "pr_7", "ironkube-demo"));

    DestroyWorkflow.Report report = destroy(false).run();

    assertThat(provider.deleted).containsExactly("server/sv_7", "project/pr_7");
    assertThat(report.deleted()).hasSize(2);
    assertThat(progress.lines())
        .contains("step: Deleting server demo-cp-1 (sv_7) (found by its markers)")
        .anyMatch(l -> l.contains("0 in the journal, 2 at the provider"));
    assertThat(open().lastOutcome()).contains("destroyed");
  }

  @Test
  void aResourceBothJournaledAndDiscoveredIsDeletedOnceAndAnUnjournaledOneToo() {
    provisioned();
    // Adopted but never journaled (a create whose result line was lost): found by its markers.
    provider.add(ref("server", "sv_2", "demo-cp-2"));

    destroy(false).run();

    // The unjournaled server first: it sits in the journaled project, which must go last.
    assertThat(provider.deleted).containsExactly("server/sv_2", "server/sv_1", "project/pr_1");
    assertThat(provider.live).isEmpty();
  }

  @Test
  void aDryRunListsEverythingWithThePriceAndDeletesNothing() {
    provisioned();
    provider.add(ref("server", "sv_2", "demo-cp-2"));
    int linesBefore = open().entries().size();

    DestroyWorkflow.Report report = destroy(true).run();

    assertThat(report.dryRun()).isTrue();
    assertThat(report.deleted())
        .containsExactly(
            "server demo-cp-2 (sv_2), billing $0.10/h",
            "dns record api.demo (rec_1)",
            "server demo-cp-1 (sv_1), billing $0.10/h",
            "project ironkube-demo (pr_1)");
    assertThat(provider.deleted).isEmpty();
    assertThat(dnsDeletes).isEmpty();
    assertThat(open().entries()).as("the journal on disk is untouched").hasSize(linesBefore);
  }

  @Test
  void whatCannotBeDeletedFailsTheRunNamingItAndARerunFinishes() {
    provisioned();
    provider.failing.add("sv_1");

    assertThatThrownBy(() -> destroy(false).run())
        .isInstanceOfSatisfying(
            OperationFailedException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCodes.REMOTE_FAILURE);
              assertThat(e.getMessage()).contains("server demo-cp-1 (sv_1)").contains("503");
              assertThat(e.hint()).contains("ironkube destroy demo");
            });
    Journal after = open();
    assertThat(after.lastOutcome()).contains("destroy-incomplete");
    // The project that holds the server cannot go either, as at Latitude.
    assertThat(after.owned()).extracting(o -> o.ref().id()).containsExactly("pr_1", "sv_1");

    provider.failing.clear();
    destroy(false).run();
    assertThat(provider.live).isEmpty();
    assertThat(open().lastOutcome()).contains("destroyed");
  }

  /** A provider whose resources live in a map; it answers discovery by the cluster's markers. */
  private static final class FakeProvider implements BareMetalProvider {
    final Map<String, ResourceRef> live = new LinkedHashMap<>();
    final List<String> deleted = new ArrayList<>();
    final List<ClusterIdentity> asked = new ArrayList<>();
    final Set<String> failing = new HashSet<>();

    ResourceRef add(ResourceRef r) {
      live.put(r.kind() + "/" + r.id(), r);
      return r;
    }

    @Override
    public String name() {
      return "latitude";
    }

    @Override
    public List<ResourceRef> discover(ClusterIdentity cluster) {
      asked.add(cluster);
      // Servers first, then supporting resources, as the port promises.
      List<ResourceRef> found = new ArrayList<>();
      for (ResourceRef r : live.values()) {
        if (r.kind().equals(ResourceRef.SERVER) && r.name().startsWith(cluster.hostnamePrefix())) {
          found.add(r);
        }
      }
      for (ResourceRef r : live.values()) {
        if (!r.kind().equals(ResourceRef.SERVER) && r.name().equals(cluster.markerName())) {
          found.add(r);
        }
      }
      return found;
    }

    @Override
    public void delete(ResourceRef resource) {
      if (failing.contains(resource.id())) {
        throw new OperationFailedException("503 from the provider", "");
      }
      // As Latitude does (DELETE /projects answers 422 "The project still has servers").
      if (resource.kind().equals(ResourceRef.PROJECT)
          && live.keySet().stream().anyMatch(k -> !k.startsWith(ResourceRef.PROJECT + "/"))) {
        throw new OperationFailedException("422: the project still has servers", "");
      }
      deleted.add(resource.kind() + "/" + resource.id());
      live.remove(resource.kind() + "/" + resource.id());
    }

    @Override
    public Account authenticate() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Region> regions() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<PlanOffer> offers() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Requirement> requirements(ClusterIdentity cluster) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ResourceRef> find(Requirement requirement) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ResourceRef create(Requirement requirement) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Server order(ServerOrder order, List<ResourceRef> prepared) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Server> server(String id) {
      throw new UnsupportedOperationException();
    }
  }
}
