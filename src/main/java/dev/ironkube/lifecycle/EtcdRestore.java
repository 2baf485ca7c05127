package dev.ironkube.lifecycle;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.lifecycle.ClusterTarget.Member;
import dev.ironkube.talos.api.Polling;
import dev.ironkube.talos.api.ServiceStatus;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.time.Poller;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Recovers a cluster's control plane from an etcd snapshot the way Talos documents it (siderolabs/
 * talos v1.11 docs "Disaster Recovery"; the calls of v1.11.6 {@code v1alpha1_server.go}):
 *
 * <ol>
 *   <li>every control plane's EPHEMERAL partition is wiped (Reset, graceful=false, reboot,
 *       system_partitions_to_wipe=[EPHEMERAL]): etcd's data goes, the config stays;
 *   <li>each comes back with etcd in Preparing, waiting for a bootstrap;
 *   <li>the snapshot is uploaded to the first one (EtcdRecover, a client stream) and it is
 *       bootstrapped with recover_etcd (and recover_skip_hash_check when asked): its etcd restores
 *       the snapshot before it starts; the others join it as they would a new cluster.
 * </ol>
 *
 * The snapshot's integrity is checked here first, as talosctl's {@code bootstrap --recover-from}
 * reads its status before uploading, so a damaged file never costs the cluster its etcd.
 */
public final class EtcdRestore {
  private final Function<String, TalosClient> talos;
  private final Polling polling;
  private final Duration timeout;

  public EtcdRestore(Function<String, TalosClient> talos, Polling polling, Duration timeout) {
    this.talos = talos;
    this.polling = polling;
    this.timeout = timeout;
  }

  /** The snapshot's problem, checked before anything is touched; empty when it may be used. */
  public static Optional<String> check(Path snapshot, boolean skipHashCheck) throws IOException {
    if (!Files.isRegularFile(snapshot)) {
      return Optional.of("no file " + snapshot);
    }
    Path checksum = snapshot.resolveSibling(snapshot.getFileName() + ".sha256");
    if (Files.isRegularFile(checksum)) {
      String want = Files.readString(checksum).trim().split("\\s+")[0];
      String got = EtcdSnapshotCheck.fileSha256(snapshot);
      if (!want.equalsIgnoreCase(got)) {
        return Optional.of(
            "its SHA-256 is " + got + " but " + checksum.getFileName() + " says " + want);
      }
    }
    if (skipHashCheck) {
      return Optional.empty();
    }
    return Optional.ofNullable(EtcdSnapshotCheck.verify(snapshot))
        .map(p -> p + " (a copy of etcd's data directory needs --skip-hash-check)");
  }

  public void restore(ClusterTarget cluster, Path snapshot, boolean skipHashCheck) {
    List<Member> cps = cluster.controlPlanes();
    if (cps.isEmpty()) {
      throw new OperationFailedException(
          "cluster " + cluster.name() + " lists no control plane in its talosconfig",
          "the talosconfig's endpoints must be the control planes' addresses",
          ExitCodes.INVALID_INPUT,
          null);
    }
    wipeAll(cps);
    for (Member cp : cps) {
      awaitEtcd(cp, "Preparing", "back waiting for a bootstrap");
    }
    Member first = cps.get(0);
    polling.progress().accept("Uploading the snapshot to " + first.hostname() + " (EtcdRecover)");
    try (TalosClient c = talos.apply(first.address());
        InputStream in = Files.newInputStream(snapshot)) {
      c.etcdRecover(in, timeout);
      polling.progress().accept("Bootstrapping etcd on " + first.hostname() + " from the snapshot");
      c.bootstrapRecovering(skipHashCheck);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + snapshot, e);
    }
    for (Member cp : cps) {
      awaitEtcd(cp, "Running", "up healthy");
    }
    polling
        .progress()
        .accept("etcd recovered on " + first.hostname() + "; every member is healthy");
  }

  /**
   * Wipes every control plane at once: connected first (a Version call), then the Resets sent
   * together. One by one, a control plane that reboots faster than the others are reached would
   * come back and join the etcd of one not wiped yet, keeping its data.
   */
  private void wipeAll(List<Member> cps) {
    List<TalosClient> clients = new ArrayList<>();
    try {
      for (Member cp : cps) {
        TalosClient c = talos.apply(cp.address());
        clients.add(c);
        c.version();
      }
      cps.forEach(
          cp -> polling.progress().accept("Wiping etcd's data (EPHEMERAL) on " + cp.hostname()));
      List<CompletableFuture<Void>> resets = new ArrayList<>();
      for (TalosClient c : clients) {
        resets.add(CompletableFuture.runAsync(c::resetEphemeral));
      }
      for (var r : resets) {
        try {
          r.join();
        } catch (CompletionException e) {
          if (e.getCause() instanceof IronkubeException failure) {
            throw failure;
          }
          throw e;
        }
      }
    } finally {
      clients.forEach(TalosClient::close);
    }
  }

  /** Polls the node's etcd service until it is in {@code state} (healthy, for Running). */
  private void awaitEtcd(Member cp, String state, String what) {
    Poller.Poll<Boolean> seen;
    try {
      seen =
          new Poller(polling.clock(), polling.sleeper())
              .lastPoll(timeout, polling.interval(), () -> etcdIn(cp, state));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException(
          "interrupted while waiting for etcd on " + cp.hostname(),
          "run the restore again",
          ExitCodes.INTERRUPTED,
          null);
    }
    if (seen instanceof Poller.Poll.NotYet<Boolean> last) {
      throw new OperationFailedException(
          "etcd on "
              + cp.hostname()
              + " did not come "
              + what
              + " within "
              + timeout
              + "; last: "
              + last.detail(),
          "'ironkube health' shows each node's services",
          ExitCodes.REMOTE_FAILURE,
          null);
    }
  }

  /** One look at the node's etcd service; a node that does not answer yet is not a failure. */
  private Poller.Poll<Boolean> etcdIn(Member cp, String state) {
    // A fresh channel each time: one that saw the node go down sits in reconnect backoff.
    try (TalosClient c = talos.apply(cp.address())) {
      Optional<ServiceStatus> etcd =
          c.serviceList().stream().filter(s -> s.id().equals("etcd")).findFirst();
      if (etcd.isEmpty()) {
        return Poller.Poll.notYet("no answer yet");
      }
      ServiceStatus s = etcd.get();
      if (s.state().equals("Failed")) {
        throw new OperationFailedException(
            "etcd on " + cp.hostname() + " failed: " + s.lastMessage(),
            "the control planes are left waiting for a bootstrap; run the restore again"
                + " with a good snapshot",
            ExitCodes.REMOTE_FAILURE,
            null);
      }
      if (s.state().equals(state) && (!state.equals("Running") || s.healthy())) {
        return Poller.Poll.done(true);
      }
      return Poller.Poll.notYet("etcd " + s.describe());
    } catch (OperationFailedException e) {
      throw e;
    } catch (IronkubeException notYet) {
      return Poller.Poll.notYet(notYet.getMessage());
    }
  }
}
