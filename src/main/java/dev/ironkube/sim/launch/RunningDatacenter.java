package dev.ironkube.sim.launch;

import dev.ironkube.cli.SimulatedBackend;
import dev.ironkube.platform.ManifestSource;
import dev.ironkube.settings.Settings;
import dev.ironkube.sim.platform.SimManifests;
import java.nio.file.Path;

/** A running simulated datacenter, as the product's {@code --simulate} sees it. */
record RunningDatacenter(SimulatedDatacenter sim) implements SimulatedBackend.Datacenter {
  @Override
  public Settings pointAt(Settings settings, Path scratch) {
    return Simulation.pointAt(settings, sim, scratch);
  }

  @Override
  public ManifestSource manifests() {
    return new SimManifests(sim.faults());
  }

  @Override
  public void close() {
    sim.close();
  }
}
