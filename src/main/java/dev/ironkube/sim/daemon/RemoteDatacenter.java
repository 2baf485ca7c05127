package dev.ironkube.sim.daemon;

import dev.ironkube.cli.SimulatedBackend;
import dev.ironkube.platform.ManifestSource;
import dev.ironkube.settings.Settings;
import dev.ironkube.sim.dns.SimulatedResolver;
import dev.ironkube.sim.launch.Simulation;
import dev.ironkube.sim.platform.SimManifests;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The background simulated datacenter as one command uses it: its endpoints from {@code
 * daemon.json}, its Cloudflare names resolvable in this process for the command's life, and {@link
 * #close()} leaving it running for the next command.
 */
final class RemoteDatacenter implements SimulatedBackend.Datacenter {
  private final DaemonFile file;
  private final Function<String, List<String>> zones;

  RemoteDatacenter(DaemonFile file) {
    this.file = file;
    ControlClient control = new ControlClient(file);
    this.zones =
        name -> {
          try {
            return control.resolve(name);
          } catch (IOException e) {
            // The datacenter is gone: its names resolve nowhere, as a deleted zone's would not.
            return List.of();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
          }
        };
    SimulatedResolver.add(zones);
  }

  @Override
  public Settings pointAt(Settings settings, Path scratch) {
    // The datacenter wrote its Teleport identity into the home's sim folder when it started.
    return Simulation.pointAt(settings, file.endpoints(), () -> Path.of(file.teleportIdentity()));
  }

  @Override
  public ManifestSource manifests() {
    return new SimManifests();
  }

  /** Ends this command's use; the datacenter keeps running. */
  @Override
  public void close() {
    SimulatedResolver.remove(zones);
  }
}
