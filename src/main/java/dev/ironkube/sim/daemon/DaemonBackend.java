package dev.ironkube.sim.daemon;

import dev.ironkube.cli.CliEnvironment;
import dev.ironkube.cli.SimulatedBackend;
import dev.ironkube.settings.Settings;
import dev.ironkube.sim.dns.SimulatedResolver;
import dev.ironkube.sim.launch.Simulation;
import dev.ironkube.store.IronkubeHome;

/**
 * The simulated datacenter behind {@code --simulate}: the background one of the command's home,
 * started when none runs, so what a command creates is still there for the next one (and the
 * written kubeconfig answers after the command ended). Registered in {@code
 * META-INF/services/dev.ironkube.cli.SimulatedBackend}, so the product finds it without naming it.
 */
public final class DaemonBackend implements SimulatedBackend {
  /**
   * Found only by a run that asked for {@code --simulate}, before anything looks up a name: the
   * simulator's DNS resolver is switched on here, so its names resolve for this run alone.
   */
  public DaemonBackend() {
    SimulatedResolver.activate();
  }

  @Override
  public Settings accountDefaults(Settings settings) {
    return Simulation.accountDefaults(settings);
  }

  @Override
  public Datacenter start(CliEnvironment env) {
    IronkubeHome home = IronkubeHome.resolve(env.env(), env.home());
    return new RemoteDatacenter(DaemonLauncher.ensureRunning(home, env.env(), env.err()));
  }
}
