package dev.ironkube.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The files of one cluster, all 0600 in a 0700 folder. */
public record ClusterFiles(Path dir) {
  public static final String JOURNAL = "journal.jsonl";

  public Path journal() {
    return dir.resolve(JOURNAL);
  }

  public Path secrets() {
    return dir.resolve("secrets.yaml");
  }

  public Path talosconfig() {
    return dir.resolve("talosconfig");
  }

  public Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  /** The lock a mutating run holds on the cluster (see {@link ClusterLock}); never deleted. */
  /** The home's cache (downloads any cluster may reuse): beside the clusters' folder. */
  public Path cache() {
    return dir.toAbsolutePath().getParent().getParent().resolve("cache");
  }

  public Path lock() {
    return dir.resolve("run.lock");
  }

  public Path sshKey() {
    return dir.resolve("ssh_ed25519");
  }

  /** Where `provision --dry-run` writes the rendered machine configs for inspection. */
  public Path renderedDir() {
    return dir.resolve("rendered");
  }

  public boolean exists() {
    return Files.isRegularFile(journal());
  }

  /**
   * After a destroy: keeps the journal as a dated record, deletes the credentials that opened a
   * cluster which no longer exists, so the name can be provisioned afresh. Returns the record.
   */
  /**
   * Removes the folder when nothing but the lock file is in it: a run held the lock of a cluster
   * that never came to be (a mistyped name, a first run refused before it owned anything). Call it
   * while holding the lock. Anything else in the folder keeps it.
   */
  public void forgetIfOnlyLocked() throws IOException {
    try (var entries = Files.list(dir)) {
      if (!entries.allMatch(p -> p.equals(lock()))) {
        return;
      }
    }
    Files.deleteIfExists(lock());
    Files.deleteIfExists(dir);
  }

  public Path retire(Instant when) throws IOException {
    String stamp = when.toString().replace(":", "").replace("-", "");
    Path record = dir.resolve("journal.destroyed-" + stamp + ".jsonl");
    Files.move(journal(), record);
    for (Path p : List.of(secrets(), talosconfig(), kubeconfig(), sshKey())) {
      Files.deleteIfExists(p);
    }
    Path rendered = renderedDir();
    if (Files.isDirectory(rendered)) {
      try (var s = Files.list(rendered)) {
        for (Path p : s.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(rendered);
    }
    return record;
  }
}
