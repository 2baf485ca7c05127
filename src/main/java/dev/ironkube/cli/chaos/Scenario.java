package dev.ironkube.cli.chaos;

import dev.ironkube.sim.Faults;
import java.util.List;

/**
 * One chaos run's plan: faults armed in the simulator, and how the run is disturbed from outside.
 *
 * @param name the catalogue entry
 * @param faults rules armed before the run
 * @param disturbance what the "user" does to the running process
 * @param keepOnFailure whether the run passes --keep-on-failure (leftovers then allowed until the
 *     destroy that follows)
 */
public record Scenario(
    String name, List<Faults.Rule> faults, Disturbance disturbance, boolean keepOnFailure) {

  /** What happens to the process from outside. */
  public enum Disturbance {
    NONE,
    /** Ctrl-C at a random instant, in process. */
    CTRL_C,
    /** kill -9 of a child process at a random instant, then `provision` again. */
    KILL_THEN_RESUME,
    /** kill -9 of a child process at a random instant, then `destroy`. */
    KILL_THEN_DESTROY
  }
}
