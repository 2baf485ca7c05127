package dev.ironkube.cli.chaos;

import dev.ironkube.sim.Faults;
import java.util.List;
import java.util.Set;

/**
 * One chaos run's plan: the world it runs in, faults armed in the simulator, how the run is
 * disturbed from outside, and what it is expected to end as.
 *
 * @param name the catalogue entry ("ctrl-c@platform" for Ctrl-C aimed at a phase)
 * @param profile the provider and whether the DNS, Infisical and Teleport integrations are on
 * @param faults rules armed before the run
 * @param disturbance what the "user" does to the running process
 * @param keepOnFailure whether the run passes --keep-on-failure (leftovers then allowed until the
 *     destroy that follows)
 * @param interruptAt the phase whose entry the Ctrl-C strikes, for {@link Disturbance#CTRL_C_AT}
 * @param expect the outcomes this kind may end in, and what its error line must name
 */
public record Scenario(
    String name,
    Profile profile,
    List<Faults.Rule> faults,
    Disturbance disturbance,
    boolean keepOnFailure,
    String interruptAt,
    Expectation expect) {

  /** What happens to the process from outside. */
  public enum Disturbance {
    NONE,
    /** Ctrl-C at a random instant, in process. */
    CTRL_C,
    /** Ctrl-C as the run enters the phase {@link Scenario#interruptAt()}, in process. */
    CTRL_C_AT,
    /** kill -9 of a child process at a random instant, then `provision` again. */
    KILL_THEN_RESUME,
    /** kill -9 of a child process at a random instant, then `destroy`. */
    KILL_THEN_DESTROY
  }

  /**
   * The world of a run.
   *
   * @param provider "latitude" or "scaleway"
   * @param integrations Cloudflare DNS, Infisical (settings backfill and credentials write-back)
   *     and Teleport (verify, then lock down) are configured and served by the simulator
   */
  public record Profile(String provider, boolean integrations) {
    public static final Profile LATITUDE = new Profile("latitude", false);

    @Override
    public String toString() {
      return provider + (integrations ? "+dns+infisical+teleport" : "");
    }
  }

  /**
   * What a kind must end as.
   *
   * @param outcomes the outcomes allowed; empty allows any (the invariants still hold each one to
   *     its own promises)
   * @param names a phrase the error line must contain ("" for none), such as the component that
   *     never became ready
   */
  public record Expectation(Set<String> outcomes, String names) {
    public static final Expectation ANY = new Expectation(Set.of(), "");

    static Expectation oneOf(String... outcomes) {
      return new Expectation(Set.of(outcomes), "");
    }

    Expectation naming(String phrase) {
      return new Expectation(outcomes, phrase);
    }
  }
}
