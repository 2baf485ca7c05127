package dev.ironkube.sim.daemon;

import dev.ironkube.settings.SettingDef;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.sim.latitude.LatitudeOptions;
import dev.ironkube.sim.launch.SimCommand;
import dev.ironkube.sim.launch.SimEndpoints;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import dev.ironkube.sim.launch.Simulation;
import dev.ironkube.sim.scaleway.ScalewayOptions;
import dev.ironkube.sim.state.DatacenterSnapshot;
import dev.ironkube.sim.state.StateKeeper;
import dev.ironkube.store.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The background simulated datacenter of one ironkube home, in a JVM of its own that {@link
 * DaemonLauncher} starts detached: it serves every simulated API, writes {@code daemon.json} once
 * they listen, and runs until {@code ironkube sim stop}, a SIGTERM, or its {@code daemon.json}
 * disappears or names another process (the home was deleted, as a test's temporary home is, or a
 * newer datacenter replaced it), so it never outlives its home. What it holds is kept under {@code
 * sim/state/} ({@link StateKeeper}) and restored by the next one.
 */
public final class DaemonMain {
  /**
   * How often the datacenter checks that its {@code daemon.json} still names it: a read of a small
   * file, so a deleted home or a replaced daemon stops it within half a second.
   */
  private static final long WATCH_MILLIS = 500;

  private DaemonMain() {}

  /** {@code args[0]}: the home's sim folder ({@code $IRONKUBE_HOME/sim}). */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: DaemonMain SIM_FOLDER (started by ironkube --simulate)");
      System.exit(2);
    }
    run(new SimHome(Path.of(args[0])), System.getenv());
    // Library threads (gRPC, schedulers) may not be daemon threads; the datacenter is closed.
    System.exit(0);
  }

  static void run(SimHome home, Map<String, String> env) throws InterruptedException {
    SecureFiles.createPrivateDirectories(home.dir());
    long pid = ProcessHandle.current().pid();
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // SIGTERM: let the main thread close every server and remove daemon.json.
                  stop.countDown();
                  try {
                    closed.await(5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "sim-daemon-shutdown"));
    // Ids from a seed of this start, unless IRONKUBE_SIM_SEED asks for a replay: a datacenter
    // started after another must not hand out the ids of the servers a journal of the home still
    // names, or resuming or destroying that cluster would act on a newer cluster's servers.
    long ids = Simulation.seed(env).orElseGet(() -> new SecureRandom().nextLong());
    try (SimulatedDatacenter dc =
            Simulation.configured(env)
                .latitude(LatitudeOptions.defaults().withSeed(ids))
                .scaleway(ScalewayOptions.defaults().withSeed(ids))
                .imageFactoryPort(
                    StateKeeper.read(home.state())
                        .map(DatacenterSnapshot::imageFactoryPort)
                        .orElse(0))
                .build()
                .start();
        // Closed before the datacenter, so its last save sees every server still held.
        StateKeeper state = StateKeeper.restoreAndKeep(home.state(), dc, System.err);
        ControlServer control =
            new ControlServer(dc, newToken(), home.teleportIdentity(), stop::countDown)) {
      Path identity = dc.teleport().writeIdentityFile(home.teleportIdentity());
      DaemonFile file =
          new DaemonFile(
              pid,
              DaemonFile.currentProcessStart(),
              Instant.now(),
              control.baseUri(),
              control.token(),
              SimEndpoints.of(dc),
              identity.toString(),
              home.log().toString(),
              exports(dc));
      file.write(home.daemonFile());
      System.err.println(Instant.now() + " simulated datacenter serving, pid " + pid);
      System.err.print(dc.describe());
      System.err.flush();
      while (!stop.await(WATCH_MILLIS, TimeUnit.MILLISECONDS)) {
        if (!namesThisProcess(home, pid)) {
          System.err.println(
              Instant.now() + " " + home.daemonFile() + " is gone or names another process");
          break;
        }
      }
      System.err.println(Instant.now() + " stopping");
    } finally {
      if (namesThisProcess(home, pid)) {
        try {
          Files.deleteIfExists(home.daemonFile());
        } catch (IOException e) {
          System.err.println(Instant.now() + " cannot remove " + home.daemonFile() + ": " + e);
        }
      }
      closed.countDown();
    }
  }

  private static boolean namesThisProcess(SimHome home, long pid) {
    return DaemonFile.read(home.daemonFile()).filter(f -> f.pid() == pid).isPresent();
  }

  /** The variables a real run exports to use this datacenter, as {@code ironkube sim} prints. */
  private static Map<String, String> exports(SimulatedDatacenter dc) {
    Map<String, String> out = new LinkedHashMap<>();
    SimCommand.exports(dc)
        .forEach(
            (path, value) ->
                out.put(SettingsCatalogue.find(path).map(SettingDef::env).orElseThrow(), value));
    return out;
  }

  private static String newToken() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
