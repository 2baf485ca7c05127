package dev.ironkube.workflow.destroy;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.provider.BareMetalProvider;
import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.workflow.Cleanup;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.Outcome;
import dev.ironkube.workflow.Progress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `ironkube destroy`: deletes what the cluster's runs created, from the journal (newest first),
 * then anything still carrying the cluster's markers at the provider, so a lost journal or an
 * adopted-but-unjournaled server leaks nothing.
 */
public final class DestroyWorkflow {
  /** What was (or would be) deleted, and what could not be. */
  public record Report(
      String cluster, boolean dryRun, List<String> deleted, List<String> leftovers) {}

  private final String cluster;
  private final ClusterIdentity identity;
  private final BareMetalProvider provider;
  private final Gate gate;
  private final Progress progress;

  private final Map<String, Cleanup.Deleter> others;

  /**
   * @param others how to delete what other systems hold for the cluster (a DNS record, say)
   */
  public DestroyWorkflow(
      String cluster,
      BareMetalProvider provider,
      Gate gate,
      Progress progress,
      Map<String, Cleanup.Deleter> others) {
    this.cluster = cluster;
    this.identity = new ClusterIdentity(cluster);
    this.provider = provider;
    this.gate = gate;
    this.progress = progress;
    this.others = Map.copyOf(others);
  }

  public Report run() {
    Journal journal = gate.journal();
    List<String> deleted = new ArrayList<>();
    List<String> leftovers = new ArrayList<>();
    progress.phase("Destroying cluster " + cluster);

    Progress.Step look = progress.step("Looking for resources marked " + identity.markerName());
    List<ResourceRef> discovered = provider.discover(identity);
    Set<String> journaled = new LinkedHashSet<>();
    for (Journal.Owned o : journal.owned()) {
      journaled.add(key(o.ref()));
    }
    look.done(
        journal.owned().size() + " in the journal, " + discovered.size() + " at the provider");

    if (gate.dryRun()) {
      // The order the real run deletes in (see below).
      List<ResourceRef> all = new ArrayList<>();
      discovered.stream()
          .filter(r -> !journaled.contains(key(r)) && !r.kind().equals(ResourceRef.PROJECT))
          .forEach(all::add);
      List<Journal.Owned> owned = new ArrayList<>(journal.owned());
      Collections.reverse(owned);
      owned.forEach(o -> all.add(o.ref()));
      discovered.stream()
          .filter(r -> !journaled.contains(key(r)) && r.kind().equals(ResourceRef.PROJECT))
          .forEach(all::add);
      for (ResourceRef r : all) {
        String line = Cleanup.describe(r) + priceOf(r, journal);
        progress.info("would delete " + line);
        deleted.add(line);
      }
      return new Report(cluster, true, deleted, leftovers);
    }

    for (Journal.Owned o : journal.owned()) {
      deleted.add(Cleanup.describe(o.ref()));
    }
    Map<String, Cleanup.Deleter> deleters = new HashMap<>(others);
    deleters.put(provider.name(), provider::delete);
    // What only the markers found was made by a run cut short before it journaled the result:
    // it is newer than everything journaled and may sit inside a journaled project, which the
    // provider refuses to delete while it holds anything (Latitude: 422 "still has servers").
    // So it goes first, and only a project found that way waits until after the journal's.
    List<ResourceRef> unjournaled =
        discovered.stream().filter(r -> !journaled.contains(key(r))).toList();
    deleteFound(
        unjournaled.stream().filter(r -> !r.kind().equals(ResourceRef.PROJECT)).toList(),
        deleted,
        leftovers);
    Cleanup cleanup = new Cleanup(gate, deleters, progress);
    for (Cleanup.Leftover l : cleanup.run()) {
      deleted.remove(Cleanup.describe(l.ref()));
      leftovers.add(Cleanup.describe(l.ref()) + ": " + l.reason());
    }
    deleteFound(
        unjournaled.stream().filter(r -> r.kind().equals(ResourceRef.PROJECT)).toList(),
        deleted,
        leftovers);
    if (!leftovers.isEmpty()) {
      journal.outcome(Outcome.DESTROY_INCOMPLETE, String.join("; ", leftovers));
      throw new OperationFailedException(
          "could not delete everything of cluster " + cluster + ": " + String.join("; ", leftovers),
          "run 'ironkube destroy " + cluster + "' again; it resumes from the journal",
          ExitCodes.REMOTE_FAILURE,
          null);
    }
    journal.outcome(Outcome.DESTROYED, deleted.size() + " resources deleted");
    return new Report(cluster, false, deleted, leftovers);
  }

  /** Deletes what the provider's markers found and the journal does not list, in that order. */
  private void deleteFound(List<ResourceRef> found, List<String> deleted, List<String> leftovers) {
    for (ResourceRef r : found) {
      Progress.Step step =
          progress.step("Deleting " + Cleanup.describe(r) + " (found by its markers)");
      try {
        gate.delete(provider.name(), r, () -> provider.delete(r));
        step.done("deleted");
        deleted.add(Cleanup.describe(r));
      } catch (IronkubeException e) {
        step.fail(e.getMessage());
        leftovers.add(Cleanup.describe(r) + ": " + e.getMessage());
      }
    }
  }

  private static String priceOf(ResourceRef r, Journal journal) {
    if (!r.kind().equals(ResourceRef.SERVER)) {
      return "";
    }
    return journal.value("price").map(p -> ", billing " + p).orElse("");
  }

  private static String key(ResourceRef r) {
    return r.kind() + "/" + r.id();
  }
}
