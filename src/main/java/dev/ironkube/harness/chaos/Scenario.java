package dev.ironkube.harness.chaos;

import dev.ironkube.sim.Faults;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

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
 * @param topology how many control planes and workers the run provisions
 * @param setup how the world differs from the default before the run starts
 */
public record Scenario(
    String name,
    Profile profile,
    List<Faults.Rule> faults,
    Disturbance disturbance,
    boolean keepOnFailure,
    String interruptAt,
    Expectation expect,
    Topology topology,
    Setup setup) {

  /**
   * What is prepared in the world, or passed to the run, before it starts. New kinds that need the
   * world prepared (a second run holding the cluster, a cut journal) add a field here and act on it
   * in {@link RunWorld} and {@link ChaosRun}.
   *
   * @param foreignDnsRecord an A record of the cluster's DNS name already exists, made by someone
   *     else (its comment is {@link RunWorld#FOREIGN_COMMENT})
   * @param adoptDnsRecord the run passes --adopt-dns-record
   * @param detectOperatorAddress the cluster document sets no operator address, so the run detects
   *     it through the echo services
   * @param cutJournal after the run, its journal's last line is cut or garbage is appended, and
   *     status, a re-run and destroy are held to their promises on it ({@link JournalCut})
   */
  public record Setup(
      boolean foreignDnsRecord,
      boolean adoptDnsRecord,
      boolean detectOperatorAddress,
      boolean cutJournal) {
    public static final Setup NONE = new Setup(false, false, false, false);
  }

  /**
   * The cluster's shape: control planes (1 or 3) and workers (pool "workers"). Nodes are named
   * {@code <cluster>-cp-<n>} and {@code <cluster>-workers-<n>}.
   */
  public record Topology(int controlPlanes, int workers) {
    public static final Topology SINGLE = new Topology(1, 0);

    /** Share of drawn runs, in percent, that are multi-node. */
    static final int MULTI_NODE_PERCENT = 22;

    public Topology {
      if (controlPlanes != 1 && controlPlanes != 3 || workers < 0) {
        throw new IllegalArgumentException(
            "a topology has 1 or 3 control planes and no negative worker count");
      }
    }

    /** "1+2" → 1 control plane, 2 workers. */
    static Topology parse(String spec) {
      String[] parts = spec.split("\\+");
      try {
        if (parts.length == 2) {
          return new Topology(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }
      } catch (NumberFormatException ignored) {
        // falls through to the refusal below
      }
      throw new IllegalArgumentException("unknown topology " + spec + " (want CP+WORKERS: 3+1)");
    }

    /** Mostly one node; about a fifth 1 CP + 1–2 workers or 3 CPs + 0–1 worker. */
    static Topology draw(Random r) {
      if (r.nextInt(100) >= MULTI_NODE_PERCENT) {
        return SINGLE;
      }
      return r.nextBoolean() ? new Topology(1, 1 + r.nextInt(2)) : new Topology(3, r.nextInt(2));
    }

    public int nodes() {
      return controlPlanes + workers;
    }

    public boolean single() {
      return nodes() == 1;
    }

    public List<String> controlPlaneHosts(String cluster) {
      return IntStream.rangeClosed(1, controlPlanes).mapToObj(i -> cluster + "-cp-" + i).toList();
    }

    public List<String> workerHosts(String cluster) {
      return IntStream.rangeClosed(1, workers).mapToObj(i -> cluster + "-workers-" + i).toList();
    }

    public List<String> hosts(String cluster) {
      List<String> all = new ArrayList<>(controlPlaneHosts(cluster));
      all.addAll(workerHosts(cluster));
      return List.copyOf(all);
    }

    /** The provision flags; none for one node, so single-node runs stay as they were. */
    public List<String> flags() {
      return single()
          ? List.of()
          : List.of(
              "--control-planes",
              Integer.toString(controlPlanes),
              "--workers",
              Integer.toString(workers));
    }

    @Override
    public String toString() {
      return controlPlanes + "cp" + (workers > 0 ? "+" + workers + "w" : "");
    }
  }

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
    KILL_THEN_DESTROY,
    /**
     * A second `provision` of the cluster while a child process's provision holds its lock: it must
     * be refused without touching anything ({@link ConcurrentRun}).
     */
    CONCURRENT,
    /** kill -9 of a child process holding the cluster's lock, then `provision` again. */
    KILL_HOLDER_THEN_RESUME,
    /** kill -9 of a child process holding the cluster's lock, then `destroy`. */
    KILL_HOLDER_THEN_DESTROY,
    /**
     * Provisioned, then upgraded; one node never returns from its reboot ({@link UpgradeChaos}).
     */
    UPGRADE_NEVER_RETURNS,
    /** Provisioned, then upgraded; a control plane's etcd stays unhealthy after its reboot. */
    UPGRADE_ETCD_UNHEALTHY,
    /** Provisioned, then upgraded with a Ctrl-C at a random instant, then upgraded again. */
    UPGRADE_CTRL_C,
    /** Provisioned, then upgraded in a child process killed (-9), then upgraded again. */
    UPGRADE_KILL_THEN_RESUME;

    /** Whether a rolling upgrade follows the provision ({@link UpgradeChaos}). */
    boolean upgrade() {
      return name().startsWith("UPGRADE_");
    }

    /** Whether the run starts a child process (which cannot reach the simulated manifests). */
    boolean childProcess() {
      return this == KILL_THEN_RESUME
          || this == KILL_THEN_DESTROY
          || this == CONCURRENT
          || this == KILL_HOLDER_THEN_RESUME
          || this == KILL_HOLDER_THEN_DESTROY;
    }
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
   * @param mentions a phrase a failed run's stderr must contain somewhere ("" for none), such as
   *     the node that failed
   * @param exitCode the exit code the run must end with, or -1 for any
   * @param orderNothing whether the run must send no request that creates, changes or deletes
   *     anything at a provider or in the DNS zone (a refusal in the preflight)
   */
  public record Expectation(
      Set<String> outcomes, String names, String mentions, int exitCode, boolean orderNothing) {
    public static final Expectation ANY = new Expectation(Set.of(), "", "", -1, false);

    static Expectation oneOf(String... outcomes) {
      return new Expectation(Set.of(outcomes), "", "", -1, false);
    }

    Expectation naming(String phrase) {
      return new Expectation(outcomes, phrase, mentions, exitCode, orderNothing);
    }

    Expectation mentioning(String phrase) {
      return new Expectation(outcomes, names, phrase, exitCode, orderNothing);
    }

    /** Refused before the first order, with {@code code}. */
    Expectation refusedBeforeOrdering(int code) {
      return new Expectation(outcomes, names, mentions, code, true);
    }
  }
}
