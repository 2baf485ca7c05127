package dev.ironkube.harness.chaos;

import dev.ironkube.cli.CommandContribution;

/** Adds {@code ironkube sim chaos} under the simulator's command. */
public final class ChaosContribution implements CommandContribution {
  @Override
  public String parent() {
    return "sim";
  }

  @Override
  public String name() {
    return "chaos";
  }

  @Override
  public Class<?> command() {
    return SimChaosCommand.class;
  }
}
