package dev.ironkube.cli;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.platform.ManifestSource;
import dev.ironkube.settings.Settings;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * What {@code --simulate} needs from the embedded simulated datacenter, and all the product knows
 * of it. The simulator implements it on its own side of the boundary and registers the
 * implementation in {@code META-INF/services}; the product compiles and runs without it, and a
 * build that leaves it out refuses {@code --simulate} with a clear error instead of a missing
 * class.
 */
public interface SimulatedBackend {
  /** What a simulated account holds that a real one would (a Scaleway project, say). */
  Settings accountDefaults(Settings settings);

  /**
   * The simulated datacenter this command uses: the background one of the command's home, started
   * (as the environment configures it) when none runs, so it outlives the command.
   */
  Datacenter start(CliEnvironment env);

  /** A running simulated datacenter. */
  interface Datacenter extends AutoCloseable {
    /**
     * The settings with every endpoint the simulator serves pointed at it, with its test
     * credentials, and its time scale applied to the tool's polls and timeouts.
     *
     * @param scratch a private folder the simulator may write files into (an access identity)
     */
    Settings pointAt(Settings settings, Path scratch);

    /** The platform's manifest downloads, served without the internet. */
    ManifestSource manifests();

    /**
     * Ends the command's use of it; the background datacenter keeps running (only {@code ironkube
     * sim stop} stops it), one started in process stops.
     */
    @Override
    void close();
  }

  /** The backend on the class path, else a refusal that says the build has none. */
  static SimulatedBackend require() {
    return ServiceLoader.load(SimulatedBackend.class)
        .findFirst()
        .orElseThrow(
            () ->
                new UserInputException(
                    "--simulate needs the embedded simulated datacenter, which this build of"
                        + " ironkube does not include",
                    "use a build that includes the simulator (the released jar does), or drop"
                        + " --simulate to run against the real services"));
  }
}
