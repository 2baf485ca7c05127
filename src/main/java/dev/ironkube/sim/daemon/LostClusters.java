package dev.ironkube.sim.daemon;

import dev.ironkube.store.IronkubeHome;
import dev.ironkube.workflow.Journal;
import java.time.Clock;
import java.util.List;

/**
 * The simulated clusters a home still has journals of. A datacenter just started from a kept state
 * powers their servers and Talos nodes on again; one started without any holds none of them, so a
 * command that starts one names them once, with what still works, before a resume fails on a node
 * that does not answer.
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
    return notice(clusters, false);
  }

  /**
   * As above; {@code stateKept} when the new datacenter restored the stopped one's state: the
   * providers' servers, projects and firewalls, the Talos nodes and their Kubernetes objects.
   */
  static String notice(List<String> clusters, boolean stateKept) {
    if (clusters.isEmpty()) {
      return null;
    }
    String named =
        "the simulated "
            + (clusters.size() == 1 ? "cluster " : "clusters ")
            + String.join(", ", clusters)
            + " lived in a simulated datacenter that has stopped, and the new one ";
    return named
        + (stateKept
            ? "powered "
                + (clusters.size() == 1 ? "its" : "their")
                + " servers and Talos nodes on again from the state it kept (Kubernetes objects"
                + " included)"
            : "does not hold "
                + (clusters.size() == 1 ? "it" : "them")
                + " (it found no kept state): `ironkube destroy NAME --simulate --yes`"
                + " forgets each");
  }
}
