package dev.ironkube.sim.daemon;

import dev.ironkube.cli.CliEnvironment;
import dev.ironkube.cli.SimulatedBackend;
import dev.ironkube.settings.Settings;
import dev.ironkube.sim.dns.SimulatedResolver;
import dev.ironkube.sim.launch.Simulation;
import dev.ironkube.store.IronkubeHome;
import java.math.BigDecimal;

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
    DaemonFile running = DaemonLauncher.ensureRunning(home, env.env(), env.err());
    double asked = Simulation.scale(env.env());
    if (env.env().containsKey(Simulation.SCALE_ENV) && asked != running.endpoints().scale()) {
      // The time scale is the datacenter's; this command's polls follow it, not the variable.
      env.err()
          .println(
              "ironkube: the running simulated datacenter keeps its time scale "
                  + BigDecimal.valueOf(running.endpoints().scale())
                      .stripTrailingZeros()
                      .toPlainString()
                  + "; IRONKUBE_SIM_SCALE="
                  + BigDecimal.valueOf(asked).stripTrailingZeros().toPlainString()
                  + " applies to one started after `ironkube sim stop`");
    }
    return new RemoteDatacenter(running);
  }
}
