package dev.ironkube.sim.daemon;

import dev.ironkube.cli.SimulatedBackend;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
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
  private final ControlClient control;
  private final Function<String, List<String>> zones;

  RemoteDatacenter(DaemonFile file) {
    this.file = file;
    this.control = new ControlClient(file);
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
    return Simulation.pointAt(settings, file.endpoints(), this::teleportIdentity);
  }

  /** One issued now: the simulated Teleport's certificates last a day, the datacenter longer. */
  private Path teleportIdentity() {
    try {
      return control.teleportIdentity();
    } catch (IOException e) {
      throw new OperationFailedException(
          "the simulated datacenter did not issue a Teleport identity: " + e.getMessage(),
          "see " + file.log() + "; `ironkube sim stop` and run again to start a new one",
          ExitCodes.INTERNAL,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException(
          "interrupted while asking the simulated datacenter for a Teleport identity",
          "",
          ExitCodes.INTERRUPTED,
          e);
    }
  }

  @Override
  public ManifestSource manifests() {
    return new SimManifests();
  }

  /** Ends this command's use; the datacenter keeps running. */
  @Override
  public void close() {
    SimulatedResolver.remove(zones);
    control.close();
  }
}
