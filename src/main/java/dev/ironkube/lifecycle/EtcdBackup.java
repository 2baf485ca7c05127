package dev.ironkube.lifecycle;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.lifecycle.ClusterTarget.Member;
import dev.ironkube.store.SecureFiles;
import dev.ironkube.talos.api.TalosClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A cluster backup as Talos documents it ("Disaster Recovery": {@code talosctl etcd snapshot} on a
 * healthy control plane): the EtcdSnapshot stream written to a 0600 {@code .part} file, checked for
 * etcd's trailing SHA-256 as talosctl checks it, renamed into place; beside it a sha256sum line for
 * the file, and the cluster's secrets bundle, OpenPGP-encrypted with a passphrase (the snapshot is
 * useless without the CAs and keys it was made under, and worthless to a thief without them).
 */
public final class EtcdBackup {
  /** The files a backup wrote. */
  public record Result(
      Path snapshot,
      long size,
      String sha256,
      Path checksum,
      Optional<Path> secrets,
      String node) {}

  private final Function<String, TalosClient> talos;
  private final Consumer<String> progress;
  private final Duration deadline;

  public EtcdBackup(
      Function<String, TalosClient> talos, Consumer<String> progress, Duration deadline) {
    this.talos = talos;
    this.progress = progress;
    this.deadline = deadline;
  }

  /**
   * @param secretsBundle the cluster's secrets bundle YAML, or empty to leave it out
   * @param passphrase encrypts the bundle; required when a bundle is given
   */
  public Result backup(
      ClusterTarget cluster,
      Path snapshot,
      Optional<byte[]> secretsBundle,
      char[] passphrase,
      SecureRandom random) {
    SecureFiles.createPrivateDirectories(snapshot.toAbsolutePath().getParent());
    Path part = snapshot.resolveSibling(snapshot.getFileName() + ".part");
    List<String> tried = new ArrayList<>();
    for (Member cp : cluster.controlPlanes()) {
      try {
        long size = stream(cp, part);
        String problem = EtcdSnapshotCheck.verify(part);
        if (problem != null) {
          throw new OperationFailedException(
              "the etcd snapshot from " + cp.hostname() + " is damaged: " + problem,
              "run the backup again; a second failure means etcd's data itself is damaged",
              ExitCodes.REMOTE_FAILURE,
              null);
        }
        Files.move(part, snapshot, StandardCopyOption.REPLACE_EXISTING);
        progress.accept(
            "etcd snapshot from "
                + cp.hostname()
                + " saved to "
                + snapshot
                + " ("
                + size
                + " bytes)");
        String sha = EtcdSnapshotCheck.fileSha256(snapshot);
        Path checksum = snapshot.resolveSibling(snapshot.getFileName() + ".sha256");
        SecureFiles.write(
            checksum,
            (sha + "  " + snapshot.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
        Optional<Path> secrets =
            secretsBundle.map(
                bundle -> {
                  Path out = snapshot.resolveSibling(snapshot.getFileName() + ".secrets.yaml.asc");
                  SecureFiles.write(
                      out,
                      PassphraseEncryption.encrypt(bundle, "secrets.yaml", passphrase, random));
                  return out;
                });
        return new Result(snapshot, size, sha, checksum, secrets, cp.hostname());
      } catch (IronkubeException e) {
        tried.add(cp.hostname() + ": " + e.getMessage());
        progress.accept("no snapshot from " + cp.hostname() + ": " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + part, e);
      } finally {
        try {
          Files.deleteIfExists(part);
        } catch (IOException ignored) {
          // a leftover .part is harmless and named as such
        }
      }
    }
    throw new OperationFailedException(
        "no control plane of "
            + cluster.name()
            + " gave an etcd snapshot: "
            + String.join("; ", tried),
        "'ironkube health " + cluster.name() + "' shows what is wrong with etcd",
        ExitCodes.REMOTE_FAILURE,
        null);
  }

  private long stream(Member cp, Path part) throws IOException {
    Files.deleteIfExists(part);
    Files.createFile(
        part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (TalosClient c = talos.apply(cp.address());
        OutputStream out = Files.newOutputStream(part, StandardOpenOption.WRITE)) {
      long size = c.etcdSnapshot(out, deadline);
      return size;
    }
  }
}
