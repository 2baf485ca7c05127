package dev.ironkube.cli;

import dev.ironkube.workflow.provision.ProvisionContext;
import dev.ironkube.workflow.provision.TalosStage;

/** Builds the Talos half of the pipeline for a run (null until the Talos stage is wired). */
final class TalosWiring {
  private TalosWiring() {}

  static TalosStage stage(Connections c, ProvisionContext ctx) {
    return null;
  }
}
