package dev.ironkube.store;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
