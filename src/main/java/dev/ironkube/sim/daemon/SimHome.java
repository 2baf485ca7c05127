package dev.ironkube.sim.daemon;

import dev.ironkube.store.IronkubeHome;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the background simulated datacenter of one ironkube home keeps its files: {@code
 * $IRONKUBE_HOME/sim/}, holding {@code daemon.json} (0600: its process, endpoints and control
 * token), the start lock, the Teleport identity it issued, its log, and the state it keeps across
 * restarts.
 */
record SimHome(Path dir) {
  static SimHome of(IronkubeHome home) {
    return new SimHome(home.root().resolve("sim"));
  }

  static SimHome of(Map<String, String> env, Path userHome) {
    return of(IronkubeHome.resolve(env, userHome));
  }

  Path daemonFile() {
    return dir.resolve("daemon.json");
  }

  /** Held while a command checks for a running datacenter and starts one. */
  Path lock() {
    return dir.resolve("daemon.lock");
  }

  /** The datacenter's state, kept across its restarts ({@code dev.ironkube.sim.state}). */
  Path state() {
    return dir.resolve("state");
  }

  Path log() {
    return dir.resolve("sim.log");
  }

  Path teleportIdentity() {
    return dir.resolve("teleport-identity");
  }
}
