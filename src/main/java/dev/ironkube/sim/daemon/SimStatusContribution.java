package dev.ironkube.sim.daemon;

import dev.ironkube.cli.CommandContribution;

/** Adds {@code ironkube sim status} under the simulator's command. */
public final class SimStatusContribution implements CommandContribution {
  @Override
  public String parent() {
    return "sim";
  }

  @Override
  public String name() {
    return "status";
  }

  @Override
  public Class<?> command() {
    return SimStatusCommand.class;
  }
}
