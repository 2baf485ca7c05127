package dev.ironkube.sim.launch;

import dev.ironkube.cli.CliEnvironment;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** `ironkube sim`: the simulated datacenter on its own, for other tools and for exploring. */
@Command(
    name = "sim",
    description = {
      "Run the simulated datacenter standalone and print its endpoints and test credentials;"
          + " stop it with Ctrl-C.",
      "Point ironkube (or curl) at it with the variables it prints, e.g.:",
      "  LATITUDE_API_URL=http://127.0.0.1:PORT LATITUDE_API_KEY=... ironkube plans",
      "IRONKUBE_SIM_SCALE sets the time scale (default 0.01), IRONKUBE_SIM_SEED the fault seed."
    })
final class SimCommand implements Callable<Integer> {
  private final CliEnvironment env;

  SimCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    try (SimulatedDatacenter sim = Simulation.start(env)) {
      env.out().println("export LATITUDE_API_URL=" + sim.latitudeUrl());
      env.out().println("export LATITUDE_API_KEY=" + SimulatedDatacenter.LATITUDE_TEST_KEY);
      env.out().println("export IRONKUBE_IMAGE_FACTORY_URL=" + sim.imageFactoryUrl());
      env.out().println("export IRONKUBE_PXE_URL=" + sim.pxeUrl());
      env.out().flush();
      env.err().println(sim.describe());
      env.err().println("ironkube: simulated datacenter running; Ctrl-C stops it");
      var done = new CountDownLatch(1);
      try (AutoCloseable s = env.signals().onInterrupt(done::countDown)) {
        done.await();
      }
      return 0;
    }
  }
}
