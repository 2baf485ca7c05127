package dev.ironkube.harness.bench;

import dev.ironkube.cli.CommandContribution;

/** Adds {@code ironkube sim bench} under the simulator's command. */
public final class BenchContribution implements CommandContribution {
  @Override
  public String parent() {
    return "sim";
  }

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public Class<?> command() {
    return SimBenchCommand.class;
  }
}
