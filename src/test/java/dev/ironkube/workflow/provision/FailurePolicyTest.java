package dev.ironkube.workflow.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.ironkube.settings.NodePools;
import dev.ironkube.settings.Settings;
import dev.ironkube.workflow.Cancellation;
import dev.ironkube.workflow.ClusterSpec;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.JournalEntry;
import dev.ironkube.workflow.Outcome;
import dev.ironkube.workflow.Progress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a failed run deletes, keeps and journals, over an in-memory provider and journal. */
class FailurePolicyTest {
  private final Journal journal = Journal.inMemory(Clock.systemUTC());
  private final Gate gate = new Gate(journal, false);
  private final FakeProvider provider = new FakeProvider();
  private final List<String> warnings = new ArrayList<>();
  private final Roster roster = new Roster(Optional.empty());

  private FailurePolicy policy(boolean dryRun, boolean keepOnFailure) {
    ClusterSpec spec =
        new ClusterSpec(
            new ClusterIdentity("demo"),
            "latitude",
            Optional.empty(),
            "hourly",
            Optional.empty(),
            keepOnFailure,
            List.of());
    ProvisionContext ctx =
        new ProvisionContext(
            spec,
            Settings.defaults(),
            provider,
            null,
            null,
            journal,
            gate,
            new Narrated(warnings),
            null,
            new Cancellation(),
            Clock.systemUTC(),
            null);
    FailurePolicy policy = new FailurePolicy(ctx, roster, null, List.of(), dryRun, keepOnFailure);
    policy.begin();
    return policy;
  }

  private ResourceRef created(String kind, String id, String name) {
    return gate.create("latitude", kind, name, Map.of(), () -> new ResourceRef(kind, id, name));
  }

  private void members(String... hostnames) {
    for (String h : hostnames) {
      boolean cp = h.contains("-cp-");
      roster.members.add(
          new Member(
              h,
              new NodePools.Pool(
                  cp ? "cp" : "worker",
                  cp ? NodePools.Role.CONTROLPLANE : NodePools.Role.WORKER,
                  1,
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty())));
    }
  }

  @Test
  void aFirstRunThatFailedDeletesEverythingNewestFirst() {
    FailurePolicy policy = policy(false, false);
    created("project", "proj_1", "ironkube-demo");
    created(ResourceRef.SERVER, "sv_1", "demo-cp-1");

    policy.afterFailure("boom");

    assertThat(provider.deleted).containsExactly("sv_1", "proj_1");
    assertThat(journal.owned()).isEmpty();
    assertThat(journal.lastOutcome()).contains(Outcome.FAILED_CLEANED.wire());
  }

  @Test
  void keepOnFailureDeletesNothingAndSaysItKeepsBilling() {
    FailurePolicy policy = policy(false, true);
    created(ResourceRef.SERVER, "sv_1", "demo-cp-1");

    policy.afterFailure("boom");

    assertThat(provider.deleted).isEmpty();
    assertThat(journal.hadOutcome(Outcome.FAILED_KEPT)).isTrue();
    assertThat(warnings).anyMatch(w -> w.contains("keeps billing"));
  }

  @Test
  void aFailedRerunOfAWorkingClusterDeletesOnlyWhatItAdded() {
    created(ResourceRef.SERVER, "sv_1", "demo-cp-1");
    journal.outcome(Outcome.PROVISIONED, "demo-cp-1");
    FailurePolicy policy = policy(false, false);
    created(ResourceRef.SERVER, "sv_2", "demo-worker-1");

    policy.afterFailure("boom");

    assertThat(provider.deleted).containsExactly("sv_2");
    assertThat(journal.owned()).extracting(o -> o.ref().id()).containsExactly("sv_1");
    assertThat(journal.lastOutcome()).contains(Outcome.RERUN_FAILED.wire());
  }

  @Test
  void aDeleteThatFailsIsNamedAsALeftover() {
    FailurePolicy policy = policy(false, false);
    created(ResourceRef.SERVER, "sv_1", "demo-cp-1");
    provider.refuse.add("sv_1");

    policy.afterFailure("boom");

    assertThat(journal.lastOutcome()).contains(Outcome.FAILED_LEFTOVERS.wire());
    assertThat(warnings).anyMatch(w -> w.contains("sv_1") && w.contains("ironkube destroy demo"));
  }

  @Test
  void aDryRunJournalsNothingWhenItFails() {
    FailurePolicy policy = policy(true, false);

    policy.afterFailure("boom");

    assertThat(journal.entries()).noneMatch(e -> JournalEntry.OUTCOME.equals(e.type()));
  }

  @Test
  void withoutKeepOnFailureTheFirstNodeFailureStopsTheRun() {
    members("demo-cp-1", "demo-worker-1", "demo-worker-2");
    FailurePolicy policy = policy(false, false);

    assertThatThrownBy(
            () ->
                policy.forEachNode(
                    roster.members,
                    1,
                    false,
                    m -> {
                      if (m.hostname.equals("demo-worker-1")) {
                        throw new IllegalStateException("no answer from " + m.hostname);
                      }
                    }))
        .hasMessageContaining("demo-worker-1");
    assertThat(roster.failed).isEmpty();
  }

  @Test
  void withKeepOnFailureAFailedWorkerIsSetAsideAndTheRestGoOn() throws Exception {
    members("demo-cp-1", "demo-worker-1", "demo-worker-2");
    FailurePolicy policy = policy(false, true);
    Set<String> done = new HashSet<>();

    policy.forEachNode(
        roster.members,
        1,
        false,
        m -> {
          if (m.hostname.equals("demo-worker-1")) {
            throw new IllegalStateException("no answer");
          }
          done.add(m.hostname);
        });

    assertThat(done).containsExactlyInAnyOrder("demo-cp-1", "demo-worker-2");
    assertThat(roster.failed).containsOnlyKeys(roster.members.get(1));
    assertThat(roster.active()).extracting(m -> m.hostname).doesNotContain("demo-worker-1");
    assertThat(policy.partial()).hasMessageContaining("1 of 3 nodes failed (demo-worker-1)");
  }

  @Test
  void withKeepOnFailureAFailedFirstControlPlaneStillStopsTheRun() {
    members("demo-cp-1", "demo-worker-1");
    FailurePolicy policy = policy(false, true);

    assertThatThrownBy(
            () ->
                policy.forEachNode(
                    roster.members,
                    1,
                    false,
                    m -> {
                      if (m.controlPlane()) {
                        throw new IllegalStateException("etcd never came up");
                      }
                    }))
        .hasMessageContaining("etcd never came up");
  }

  /** The provider's deletes, in memory; every other call is not this policy's to make. */
  private static final class FakeProvider implements BareMetalProvider {
    final List<String> deleted = new ArrayList<>();
    final Set<String> refuse = new HashSet<>();

    @Override
    public String name() {
      return "latitude";
    }

    @Override
    public void delete(ResourceRef resource) {
      if (refuse.contains(resource.id())) {
        throw new OperationFailedException("the provider refused to delete " + resource.id(), "");
      }
      deleted.add(resource.id());
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

    @Override
    public List<ResourceRef> discover(ClusterIdentity cluster) {
      throw new UnsupportedOperationException();
    }
  }

  /** Keeps the warnings; the rest of the narration is not what these tests check. */
  private record Narrated(List<String> warnings) implements Progress {
    @Override
    public void phase(String title) {}

    @Override
    public Step step(String title) {
      return Progress.SILENT.step(title);
    }

    @Override
    public void info(String line) {}

    @Override
    public void warn(String line) {
      warnings.add(line);
    }
  }
}
