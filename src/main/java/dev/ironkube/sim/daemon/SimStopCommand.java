package dev.ironkube.sim.daemon;

import dev.ironkube.cli.CliEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;

/** `ironkube sim stop`: stops this home's background simulated datacenter, if one runs. */
@Command(
    name = "stop",
    description = {
      "Stop the background simulated datacenter of this ironkube home; the simulated servers and"
          + " clusters stop with it. Exits 0 when none is running."
    })
final class SimStopCommand implements Callable<Integer> {
  /** How long the datacenter gets to close its servers before it is killed. */
  private static final long GRACE_SECONDS = 15;

  private final CliEnvironment env;

  SimStopCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    SimHome home = SimHome.of(env.env(), env.home());
    Optional<DaemonFile> running = DaemonLauncher.running(home);
    if (running.isEmpty()) {
      // A daemon.json left by a killed datacenter names nothing to stop.
      Files.deleteIfExists(home.daemonFile());
      env.err().println("ironkube: no simulated datacenter is running for this home");
      return 0;
    }
    DaemonFile f = running.get();
    Optional<ProcessHandle> process = ProcessHandle.of(f.pid());
    try {
      try (ControlClient control = new ControlClient(f)) {
        control.stop();
      }
    } catch (IOException e) {
      // Not answering: SIGTERM closes it through its shutdown hook all the same.
      process.ifPresent(ProcessHandle::destroy);
    }
    if (process.isPresent()) {
      try {
        process.get().onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        process.get().destroyForcibly();
        process.get().onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
      }
    }
    Files.deleteIfExists(home.daemonFile());
    env.err().println("ironkube: stopped the simulated datacenter (pid " + f.pid() + ")");
    return 0;
  }
}
