package dev.ironkube.workflow.provision;

import dev.ironkube.workflow.Cleanup;
import dev.ironkube.workflow.Phase;
import java.util.List;
import java.util.Map;

/** Work on a bootstrapped cluster (the platform stack, access, lockdown), in pipeline order. */
public interface AfterBootstrap {
  /** The phases to run once the nodes are a healthy cluster. */
  List<Phase> phases(ClusterNodes cluster);

  /** Lines for the final report ("Argo CD: https://…"), available after the phases ran. */
  List<String> reportLines();

  /** The same as fields, for the report's JSON: this stage's part added to {@code so}. */
  default Endpoints endpoints(Endpoints so) {
    return so;
  }

  /** How to delete what this stage's phases create, by the system name they journal it under. */
  default Map<String, Cleanup.Deleter> deleters() {
    return Map.of();
  }

  /**
   * What this stage needs that can be checked before anything is ordered (a DNS name that is free
   * or ours, a store that answers, a manifest that downloads). They run in the preflight phase.
   */
  default List<PreflightCheck> preflight() {
    return List.of();
  }

  /** Whether the stage runs right after the nodes boot, before Talos is configured. */
  default boolean beforeConfigure() {
    return false;
  }
}
