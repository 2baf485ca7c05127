package dev.ironkube.harness.chaos;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.store.ClusterLock;
import dev.ironkube.time.Poller;
import dev.ironkube.time.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Two runs of one cluster. The first is a child process (as for kill -9), so the cluster's lock is
 * held by another process exactly as when an operator starts a second terminal.
 *
 * <p>{@link Scenario.Disturbance#CONCURRENT}: at a random point after the first took the lock, it
 * is frozen (SIGSTOP) so that every request the simulator logs meanwhile is the second run's; the
 * second `provision` must exit 2 naming the holder's pid, send nothing that changes anything and
 * leave the cluster's folder (journal, secrets bundle, lock file) byte for byte as it was. The
 * first then resumes (SIGCONT) and its outcome is held to every usual invariant.
 *
 * <p>{@link Scenario.Disturbance#KILL_HOLDER_THEN_RESUME} and {@code ..._THEN_DESTROY}: the first
 * is killed (-9) while it holds the lock; the next run must take the stale lock over with a notice
 * naming the dead holder, then resume or destroy cleanly.
 */
final class ConcurrentRun {
  private ConcurrentRun() {}

  /** How long a child may take to start its JVM and take the lock. */
  private static final Duration LOCK_DEADLINE = Duration.ofSeconds(60);

  /** How long the first run may take to finish once resumed. */
  private static final Duration FINISH_DEADLINE = Duration.ofSeconds(180);

  /** What the runs ended as. */
  record Result(ChaosRun.Invocation last, String outcome, List<String> outputs) {}

  static Result concurrent(
      SimulatedDatacenter sim,
      RunWorld world,
      ChaosRun.Cli cli,
      List<String> childArgs,
      List<String> provision,
      Scenario scenario,
      Duration typical,
      Random r,
      List<String> violations)
      throws IOException, InterruptedException {
    Path out = world.home().resolve("first-run.out");
    Path err = world.home().resolve("first-run.err");
    Process first =
        ChildProcess.start(world.childEnv(sim), out, err, childArgs.toArray(String[]::new));
    List<String> outputs = new ArrayList<>();
    Path dir = world.home().resolve("ironkube/clusters/" + RunWorld.CLUSTER);
    if (awaitHolder(dir.resolve("run.lock"), first)) {
      Thread.sleep((long) (r.nextDouble() * typical.toMillis()));
    }
    if (!first.isAlive()) {
      violations.add(
          "the first run ended (exit "
              + first.exitValue()
              + ") before the second started: nothing was tested");
    } else {
      signal(first, "STOP");
      try {
        // Requests the first had in flight land before the window opens.
        Thread.sleep(100);
        int mark = sim.requests().entries().size();
        List<byte[]> before = folder(dir);
        ChaosRun.Invocation second = cli.run(provision);
        List<RequestLog.Entry> all = sim.requests().entries();
        List<RequestLog.Entry> sent = all.subList(mark, all.size());
        List<byte[]> after = folder(dir);
        outputs.add(second.out());
        outputs.add(second.err());
        checkRefused(second, first.pid(), violations);
        Invariants.checkNothingOrdered(sent, "the refused second run", violations);
        String[] names = {"journal", "secrets.yaml", "run.lock"};
        for (int i = 0; i < names.length; i++) {
          if (!Arrays.equals(before.get(i), after.get(i))) {
            violations.add("the refused second run changed the cluster's " + names[i]);
          }
        }
      } finally {
        signal(first, "CONT");
      }
    }
    if (!first.waitFor(FINISH_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      first.destroyForcibly().waitFor();
      violations.add("the first run did not finish within " + FINISH_DEADLINE);
    }
    ChaosRun.Invocation last =
        new ChaosRun.Invocation(
            first.exitValue(), Files.readString(out), Files.readString(err), List.of());
    outputs.add(last.out());
    outputs.add(last.err());
    return new Result(last, ChaosRun.classify(last, scenario), outputs);
  }

  static Result killHolder(
      SimulatedDatacenter sim,
      RunWorld world,
      ChaosRun.Cli cli,
      List<String> childArgs,
      List<String> next,
      boolean resume,
      Scenario scenario,
      Duration typical,
      Random r,
      List<String> violations)
      throws IOException, InterruptedException {
    Path log = world.home().resolve("killed-run.log");
    Process first = ChildProcess.start(world.childEnv(sim), log, childArgs.toArray(String[]::new));
    Path lock = world.home().resolve("ironkube/clusters/" + RunWorld.CLUSTER + "/run.lock");
    if (awaitHolder(lock, first)) {
      Thread.sleep((long) (r.nextDouble() * (typical.toMillis() + 1000)));
    } else {
      violations.add("the run to kill never took the cluster's lock");
    }
    long pid = first.pid();
    first.destroyForcibly().waitFor();
    List<String> outputs = new ArrayList<>(List.of(Files.readString(log)));
    // Killed while it held the lock, its details stay; a run that ended (or was killed between
    // releasing its lock and exiting) cleared them, and then no notice is due.
    Optional<ClusterLock.Holder> stale = ClusterLock.holder(lock);
    ChaosRun.Invocation after = cli.run(next);
    outputs.add(after.out());
    outputs.add(after.err());
    String notice = "took over the lock of cluster " + RunWorld.CLUSTER;
    if (stale.isPresent()) {
      if (!after.err().contains(notice) || !after.err().contains("pid " + pid)) {
        violations.add("the run after a kill -9 took the lock without a notice naming pid " + pid);
      }
    } else if (after.err().contains(notice)) {
      violations.add("a lock released cleanly was reported as taken over");
    }
    if (after.exitCode() == 2 && after.err().contains("is busy")) {
      violations.add("the lock of a killed run was not taken over: " + after.lastLine());
    }
    String outcome =
        resume ? "resumed-" + ChaosRun.classify(after, scenario) : ChaosRun.afterKill(after, world);
    return new Result(after, outcome, outputs);
  }

  private static void checkRefused(ChaosRun.Invocation second, long pid, List<String> violations) {
    if (second.exitCode() != ExitCodes.INVALID_INPUT) {
      violations.add(
          "a second provision while the first held the lock exited "
              + second.exitCode()
              + " (want 2): "
              + second.lastLine());
    } else if (!second.lastLine().contains("is busy")
        || !second.lastLine().contains("pid " + pid)) {
      violations.add(
          "the refused second run does not name the holder (pid "
              + pid
              + "): "
              + second.lastLine());
    }
    if (second.err().contains("\tat ")) {
      violations.add("the refused second run printed a stack trace");
    }
  }

  /** Waits until {@code child} holds the lock at {@code file}; false if it ended first. */
  private static boolean awaitHolder(Path file, Process child) throws InterruptedException {
    Poller.Poll<Boolean> seen =
        new Poller(Clock.systemUTC(), Sleeper.SYSTEM)
            .lastPoll(
                LOCK_DEADLINE,
                Duration.ofMillis(5),
                () -> {
                  if (!child.isAlive()) {
                    return Poller.Poll.done(false);
                  }
                  boolean holds =
                      ClusterLock.holder(file).map(h -> h.pid() == child.pid()).orElse(false);
                  return holds ? Poller.Poll.done(true) : Poller.Poll.notYet("no holder yet");
                });
    return seen instanceof Poller.Poll.Done<Boolean> done && done.value();
  }

  /** The bytes of the journal, the secrets bundle and the lock file (empty when absent). */
  private static List<byte[]> folder(Path dir) throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (String name : List.of(ClusterFiles.JOURNAL, "secrets.yaml", "run.lock")) {
      Path f = dir.resolve(name);
      out.add(Files.isRegularFile(f) ? Files.readAllBytes(f) : new byte[0]);
    }
    return out;
  }

  /** Freezes or resumes the child: kill -STOP / -CONT, which Java's process API cannot send. */
  private static void signal(Process p, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + signal + " " + p.pid() + " failed");
    }
  }
}
