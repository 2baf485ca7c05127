package dev.ironkube.sim.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.store.IronkubeHome;
import dev.ironkube.workflow.Journal;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The background datacenter's life: commands that start it at once end with one, a daemon.json
 * whose process is gone is replaced, and it stops by itself when its daemon.json disappears (a
 * deleted home), so no test or user leaves one running for nothing.
 */
class DaemonLifecycleTest {
  private final DaemonCli cli = new DaemonCli();

  @AfterEach
  void close() {
    cli.close();
  }

  /**
   * Also its end: one daemon start serves both behaviours (each start is a JVM of its own, seconds
   * of a loaded machine).
   */
  @Test
  void twoCommandsStartingItAtOnceShareOneDatacenterWhichStopsWhenItsDaemonFileDisappears()
      throws Exception {
    List<CompletableFuture<DaemonCli.Result>> runs =
        List.of(
            CompletableFuture.supplyAsync(() -> cli.run("regions", "--simulate")),
            CompletableFuture.supplyAsync(() -> cli.run("regions", "--simulate")));
    List<DaemonCli.Result> results =
        runs.stream().map(f -> f.orTimeout(120, TimeUnit.SECONDS).join()).toList();
    for (DaemonCli.Result r : results) {
      assertThat(r.exitCode()).as(r.all()).isZero();
      assertThat(r.out()).contains("DAL");
    }
    assertThat(results)
        .filteredOn(r -> r.err().contains("starting the simulated datacenter"))
        .hasSize(1);
    long pid = cli.running().orElseThrow().pid();
    assertThat(daemonsOf(cli)).containsExactly(pid);

    ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
    Files.delete(cli.simHome().daemonFile());
    daemon.onExit().get(20, TimeUnit.SECONDS);
    assertThat(daemon.isAlive()).isFalse();
    assertThat(Files.readString(cli.simHome().log())).contains("is gone or names another process");
  }

  @Test
  void aDaemonFileWhoseProcessIsGoneIsReplaced() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    DaemonFile stale =
        new DaemonFile(
            gone.pid(),
            Instant.now(),
            Instant.now(),
            URI.create("http://127.0.0.1:1"),
            "stale",
            null,
            "",
            "",
            Map.of());
    stale.write(cli.simHome().daemonFile());
    assertThat(cli.run("sim", "status").out()).contains("not running");

    // A simulated cluster made with the previous datacenter, and a real one.
    IronkubeHome home = new IronkubeHome(cli.home());
    Journal.open(home.cluster("demo").journal(), Clock.systemUTC(), w -> {})
        .value("simulated", "true");
    Journal.open(home.cluster("prod").journal(), Clock.systemUTC(), w -> {})
        .value("simulated", "false");

    DaemonCli.Result r = cli.run("regions", "--simulate");
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.err())
        .contains("the simulated cluster demo lived in a simulated datacenter that has stopped")
        .contains("ironkube destroy NAME --simulate --yes")
        .doesNotContain("prod");
    DaemonFile fresh = cli.running().orElseThrow();
    assertThat(fresh.pid()).isNotEqualTo(gone.pid());
    assertThat(fresh.token()).isNotEqualTo("stale");
  }

  /** The datacenter processes serving this test's home, found by their command line. */
  private static List<Long> daemonsOf(DaemonCli cli) {
    String folder = cli.simHome().dir().toString();
    return ProcessHandle.allProcesses()
        .filter(p -> commandLine(p).contains(DaemonMain.class.getName()))
        .filter(p -> commandLine(p).contains(folder))
        .map(ProcessHandle::pid)
        .toList();
  }

  /** What /proc says the process runs, arguments separated by spaces; empty when it is gone. */
  private static String commandLine(ProcessHandle p) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"))
          .replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
