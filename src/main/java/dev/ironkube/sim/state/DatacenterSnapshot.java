package dev.ironkube.sim.state;

import dev.ironkube.sim.latitude.LatitudeSnapshot;
import java.util.List;

/**
 * What a background simulated datacenter keeps across a restart, as written to {@code
 * $IRONKUBE_HOME/sim/state/datacenter.json}.
 *
 * @param version the layout's version, so a later layout can tell an older file
 * @param latitude the Latitude account
 * @param configuredMachines machines whose Talos node had a machine configuration applied: their
 *     Talos state is not kept yet, so they do not come back in maintenance mode (a real configured
 *     node never does) but stay silent until destroyed
 */
public record DatacenterSnapshot(
    int version, LatitudeSnapshot latitude, List<String> configuredMachines) {
  public static final int VERSION = 1;

  public DatacenterSnapshot {
    configuredMachines = List.copyOf(configuredMachines);
  }
}
