package dev.ironkube.sim.launch;

import dev.ironkube.cli.CommandContribution;

/** Adds {@code ironkube sim}, the simulated datacenter standalone, to the command tree. */
public final class SimContribution implements CommandContribution {
  @Override
  public String parent() {
    return ROOT;
  }

  @Override
  public String name() {
    return "sim";
  }

  @Override
  public Class<?> command() {
    return SimCommand.class;
  }
}
