package dev.ironkube.sim.launch;

import dev.ironkube.cli.CliEnvironment;
import dev.ironkube.cli.SimulatedBackend;
import dev.ironkube.settings.Settings;
import dev.ironkube.sim.dns.SimulatedResolver;

/**
 * The simulated datacenter behind {@code --simulate}; registered in {@code
 * META-INF/services/dev.ironkube.cli.SimulatedBackend}, so the product finds it without naming it.
 */
public final class EmbeddedBackend implements SimulatedBackend {
  /**
   * Found only by a run that asked for {@code --simulate}, before anything looks up a name: the
   * simulator's DNS resolver is switched on here, so its names resolve for this run alone.
   */
  public EmbeddedBackend() {
    SimulatedResolver.activate();
  }

  @Override
  public Settings accountDefaults(Settings settings) {
    return Simulation.accountDefaults(settings);
  }

  @Override
  public Datacenter start(CliEnvironment env) {
    return new RunningDatacenter(Simulation.start(env));
  }
}
