package dev.ironkube.cli;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.lifecycle.ClusterTarget;
import dev.ironkube.lifecycle.EtcdRestore;
import dev.ironkube.settings.DurationParser;
import dev.ironkube.store.ClusterLock;
import dev.ironkube.talos.api.Polling;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.workflow.Journal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `ironkube restore <cluster> --from <snapshot>`: Talos's etcd disaster recovery. */
@Command(
    name = "restore",
    description = {
      "Recover a cluster's control plane from an etcd snapshot the way Talos documents it: wipe"
          + " etcd's data (the EPHEMERAL partition) on every control plane, upload the snapshot to"
          + " the first one and bootstrap it with the recover flag; the others join it. Everything"
          + " written to the cluster since the snapshot is lost.",
      "",
      "The snapshot is checked first (etcd's trailing SHA-256, and its .sha256 file when there"
          + " is one); --skip-hash-check accepts a copy of etcd's data directory.",
      "",
      "Examples:",
      "  ironkube restore demo --from backups/demo-20261205T090000Z.etcd.snapshot",
      "  ironkube restore demo --from db.snapshot --skip-hash-check --yes"
    })
final class RestoreCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster's name.")
  String cluster;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "FILE",
      description = "The etcd snapshot ('ironkube backup' or 'talosctl etcd snapshot' wrote it).")
  Path from;

  @Option(
      names = "--skip-hash-check",
      description = "Accept a snapshot without etcd's integrity hash (recover_skip_hash_check).")
  boolean skipHashCheck;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "How long each node may take to come back and turn healthy (default 10m).")
  String timeout = "10m";

  RestoreCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    ClusterTarget target =
        ClusterTarget.load(cluster, SettingsResolution.home(env).cluster(cluster), env.clock());
    CredentialWarnings.print(env, cluster);
    Optional<String> problem = EtcdRestore.check(from, skipHashCheck);
    if (problem.isPresent()) {
      throw new UserInputException(
          "the snapshot " + from + " cannot be restored: " + problem.get(),
          "nothing was changed on the cluster");
    }
    ConsolePrompter prompter = new ConsolePrompter(env, !yes);
    if (!yes) {
      if (!prompter.available()) {
        throw new UserInputException(
            "restoring cluster " + cluster + " needs confirmation and nobody is at a terminal",
            "pass --yes to confirm");
      }
      if (!prompter.confirm(
          "Wipe etcd on "
              + target.controlPlanes().size()
              + " control plane(s) of "
              + cluster
              + " and restore it from "
              + from.getFileName()
              + "?",
          false)) {
        env.err().println("Nothing was changed.");
        return ExitCodes.OK;
      }
    }
    Duration wait;
    try {
      wait = DurationParser.parse(timeout);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(
          "--timeout " + timeout + " is not a duration", "write it as 90s, 10m or 1h");
    }
    Polling polling =
        Polling.defaults()
            .withCallTimeout(Duration.ofSeconds(10))
            .withInterval(Duration.ofMillis(500))
            .withClock(env.clock())
            .withProgress(line -> env.err().println(line));
    // Held from the first wipe on: a provision or scale meanwhile would see etcd vanish.
    try (ClusterLock lock =
        ClusterLock.acquire(
            SettingsResolution.home(env).cluster(cluster).lock(),
            cluster,
            "restore " + cluster,
            env.clock(),
            line -> env.err().println("ironkube: " + line))) {
      // Journaled on both sides: a restore cut short shows in status, naming the command again.
      Journal journal =
          Journal.open(
              SettingsResolution.home(env).cluster(cluster).journal(),
              env.clock(),
              line -> env.err().println("ironkube: " + line));
      String snapshot = from.toAbsolutePath().toString();
      journal.value(JournalChecks.RESTORE_STARTED, snapshot);
      new EtcdRestore(
              address ->
                  TalosClient.secure(address, TalosClient.APID_PORT, target.identity(), polling),
              polling,
              wait)
          .restore(target, from, skipHashCheck);
      journal.value(JournalChecks.RESTORED, snapshot + " at " + env.clock().instant());
    }
    env.out().println("Restored cluster " + cluster + " from " + from);
    return ExitCodes.OK;
  }
}
