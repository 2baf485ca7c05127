package dev.ironkube.sim.daemon;

import dev.ironkube.store.IronkubeHome;
import dev.ironkube.workflow.Journal;
import java.time.Clock;
import java.util.List;

/**
 * The simulated clusters a home still has journals of. A datacenter just started holds none of them
 * (state is not kept across a restart yet), so a command that starts one names them once, with the
 * way to forget each, before a resume fails on "the provider no longer knows server".
 */
final class LostClusters {
  /** The journal value a simulated cluster is marked with (the CLI's JournalChecks.SIMULATED). */
  private static final String SIMULATED = "simulated";

  private LostClusters() {}

  static List<String> of(IronkubeHome home) {
    return home.clusterNames().stream()
        .filter(
            name ->
                Journal.open(home.cluster(name).journal(), Clock.systemUTC(), warning -> {})
                    .value(SIMULATED)
                    .map(Boolean::parseBoolean)
                    .orElse(false))
        .toList();
  }

  /** One notice line, or null when there is nothing to say. */
  static String notice(List<String> clusters) {
    if (clusters.isEmpty()) {
      return null;
    }
    return "the simulated "
        + (clusters.size() == 1 ? "cluster " : "clusters ")
        + String.join(", ", clusters)
        + " lived in a simulated datacenter that has stopped, and the new one does not hold "
        + (clusters.size() == 1 ? "it" : "them")
        + " (state is not kept across a restart yet): `ironkube destroy NAME --simulate --yes`"
        + " forgets each";
  }
}
