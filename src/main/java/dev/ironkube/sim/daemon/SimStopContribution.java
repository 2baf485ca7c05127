package dev.ironkube.sim.daemon;

import dev.ironkube.cli.CommandContribution;

/** Adds {@code ironkube sim stop} under the simulator's command. */
public final class SimStopContribution implements CommandContribution {
  @Override
  public String parent() {
    return "sim";
  }

  @Override
  public String name() {
    return "stop";
  }

  @Override
  public Class<?> command() {
    return SimStopCommand.class;
  }
}
