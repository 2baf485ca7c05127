package dev.ironkube.harness.chaos;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The titled phases of `provision` as the narration announces them, so a Ctrl-C can be aimed at the
 * moment the run enters one. Titles are matched by prefix; a phase that is renamed makes every run
 * aimed at it report "never entered", rather than pass without striking.
 */
final class PipelinePhases {
  private PipelinePhases() {}

  /** Phase id → the start of its title, in pipeline order. */
  private static final Map<String, String> TITLES =
      Map.ofEntries(
          Map.entry("preflight", "Checking everything before ordering"),
          Map.entry("order", "Provisioning server"),
          Map.entry("boot", "Waiting for Talos to boot"),
          Map.entry("dns", "Publishing the DNS name"),
          Map.entry("configure", "Configuring Talos"),
          Map.entry("bootstrap", "Bootstrapping Kubernetes"),
          Map.entry("backup", "Storing the cluster's credentials in "),
          Map.entry("platform", "Installing the platform"),
          Map.entry("teleport", "Verifying access through Teleport"),
          Map.entry("lockdown", "Locking the node"));

  /** Every phase, in pipeline order. */
  static final List<String> ALL =
      List.of(
          "preflight",
          "order",
          "boot",
          "dns",
          "configure",
          "bootstrap",
          "backup",
          "platform",
          "teleport",
          "lockdown");

  /** Phases that only a run with the integrations has. */
  static boolean needsIntegrations(String phase) {
    return List.of("dns", "backup", "teleport", "lockdown").contains(phase);
  }

  /** The phase a narrated title starts, if it is one of the pipeline's. */
  static Optional<String> of(String title) {
    for (String id : ALL) {
      if (title.startsWith(TITLES.get(id))) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }
}
