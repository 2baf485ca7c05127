package dev.ironkube.sim.daemon;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.store.IronkubeHome;
import dev.ironkube.store.SecureFiles;
import dev.ironkube.time.Poller;
import dev.ironkube.time.Poller.Poll;
import dev.ironkube.time.Sleeper;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the background simulated datacenter of a home, or starts one: a child JVM on this process's
 * class path running {@link DaemonMain}, in a session of its own (so the terminal's Ctrl-C and
 * hang-up reach the command, not the datacenter), its output appended to {@code sim.log}. Two
 * commands starting one at once end with one: the check and the start happen under an exclusive
 * lock on {@code daemon.lock}, and the second finds the first one's {@code daemon.json}. A {@code
 * daemon.json} whose process is gone is replaced.
 */
final class DaemonLauncher {
  /** A cold JVM starting every simulated API takes a few seconds; a loaded machine, more. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  /** Waits on the wall clock: the child is a real process whatever time scale it simulates. */
  private static final Poller POLLER = new Poller(Clock.systemUTC(), Sleeper.SYSTEM);

  /** The variables the datacenter reads: its time scale, fault seed and address block. */
  private static final String SIM_VARIABLES = "IRONKUBE_SIM_";

  /** What the child keeps of the process environment; no credential reaches it. */
  private static final Set<String> KEPT = Set.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR");

  private DaemonLauncher() {}

  /** The running datacenter of {@code home}, if its process is alive. */
  static Optional<DaemonFile> running(SimHome home) {
    return DaemonFile.read(home.daemonFile()).filter(DaemonFile::alive);
  }

  /**
   * The running datacenter of {@code home}, started first when there is none.
   *
   * @param env the command's environment, whose {@code IRONKUBE_SIM_*} variables configure a
   *     datacenter started now
   */
  static DaemonFile ensureRunning(
      IronkubeHome ironkubeHome, Map<String, String> env, PrintStream err) {
    SimHome home = SimHome.of(ironkubeHome);
    Optional<DaemonFile> found = running(home);
    if (found.isPresent()) {
      return found.get();
    }
    SecureFiles.createPrivateDirectories(home.dir());
    try (FileChannel channel = SecureFiles.openAppend(home.lock());
        FileLock lock = acquire(channel, home)) {
      found = running(home);
      if (found.isPresent()) {
        return found.get();
      }
      // Stale: its process is gone (killed, or the machine restarted).
      Files.deleteIfExists(home.daemonFile());
      err.println(
          "ironkube: starting the simulated datacenter in the background (log " + home.log() + ")");
      // Looked at before the child starts, since it writes the file as soon as it runs.
      boolean stateKept = Files.exists(home.state().resolve("datacenter.json"));
      Process child = spawn(home, env);
      DaemonFile started = awaitReady(home, child);
      err.println(
          "ironkube: simulated datacenter running (pid "
              + started.pid()
              + "); it stays up for the next commands, `ironkube sim stop` stops it");
      String lost = LostClusters.notice(LostClusters.of(ironkubeHome), stateKept);
      if (lost != null) {
        err.println("ironkube: " + lost);
      }
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the simulated datacenter in " + home.dir(), e);
    }
  }

  /**
   * The lock, waiting for another command that holds it. {@code tryLock} in a loop, since a thread
   * of this process holding it (an in-process test) makes {@code lock} throw instead of wait.
   */
  private static FileLock acquire(FileChannel channel, SimHome home) throws IOException {
    try {
      return POLLER.until(
          "the simulated datacenter's start lock",
          START_TIMEOUT,
          POLL_INTERVAL,
          () -> {
            try {
              FileLock lock = channel.tryLock();
              return lock != null ? Poll.done(lock) : Poll.notYet("held by another command");
            } catch (OverlappingFileLockException heldHere) {
              // another thread of this process is starting it: wait as for another process
              return Poll.notYet("held by another thread of this process");
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          },
          detail ->
              new OperationFailedException(
                  "another command has been starting the simulated datacenter for too long",
                  "see " + home.log() + "; `ironkube sim stop` then try again",
                  ExitCodes.INTERNAL,
                  null));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static Process spawn(SimHome home, Map<String, String> env) throws IOException {
    // Created 0600 before the child appends to it.
    SecureFiles.openAppend(home.log()).close();
    List<String> cmd = new ArrayList<>();
    Path setsid = Path.of("/usr/bin/setsid");
    if (Files.isExecutable(setsid)) {
      cmd.add(setsid.toString());
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-XX:+UseSerialGC",
            "-Xms16m",
            "-Xmx512m",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            classPath(home),
            DaemonMain.class.getName(),
            home.dir().toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.dir().toFile());
    Map<String, String> childEnv = pb.environment();
    childEnv.keySet().removeIf(k -> !KEPT.contains(k));
    env.forEach(
        (k, v) -> {
          if (k.startsWith(SIM_VARIABLES)) {
            childEnv.put(k, v);
          }
        });
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(home.log().toFile()));
    return pb.start();
  }

  /**
   * This process's class path for the child; a single jar (the launcher's {@code java -jar}) is
   * copied into the sim folder first. The launcher rebuilds by copying over its jar in place, and a
   * JVM whose jar is rewritten under it fails on the next class it loads; the datacenter lives
   * across rebuilds, so it runs from a copy of its own. No datacenter runs while this one starts
   * (the lock is held), so the copy is free to replace.
   */
  private static String classPath(SimHome home) throws IOException {
    String cp = System.getProperty("java.class.path");
    Path jar = Path.of(cp);
    if (cp.contains(File.pathSeparator) || !cp.endsWith(".jar") || !Files.isRegularFile(jar)) {
      return cp;
    }
    Path copy = home.dir().resolve("ironkube-sim.jar");
    Path tmp = home.dir().resolve(".ironkube-sim.jar.tmp");
    Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return copy.toString();
  }

  private static DaemonFile awaitReady(SimHome home, Process child) {
    return POLLER.until(
        "the simulated datacenter to start",
        START_TIMEOUT,
        POLL_INTERVAL,
        () -> {
          Optional<DaemonFile> ready = running(home);
          if (ready.isPresent()) {
            return Poll.done(ready.get());
          }
          if (!child.isAlive()) {
            throw new OperationFailedException(
                "the simulated datacenter did not start (exit " + child.exitValue() + ")",
                "see " + home.log(),
                ExitCodes.INTERNAL,
                null);
          }
          return Poll.notYet("starting");
        },
        detail -> {
          child.destroy();
          return new OperationFailedException(
              "the simulated datacenter did not start within "
                  + START_TIMEOUT.toSeconds()
                  + " seconds",
              "see " + home.log(),
              ExitCodes.INTERNAL,
              null);
        });
  }
}
