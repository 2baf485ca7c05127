package dev.ironkube.secrets;

import dev.ironkube.provider.ResourceRef;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.workflow.Cleanup;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Phase;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.provision.AfterBootstrap;
import dev.ironkube.workflow.provision.ClusterNodes;
import dev.ironkube.workflow.provision.Endpoints;
import dev.ironkube.workflow.provision.PreflightCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Stores the cluster's secrets bundle, talosconfig and kubeconfig in the secret store once the
 * cluster is bootstrapped, so a second operator can manage it: {@link ClusterCredentialsBackup}
 * encodes them, since the store trims values.
 *
 * <p>The copies belong to the cluster: each is journaled as owned before it is written (its name is
 * fixed by the cluster's name, so a write whose answer was lost is owned too), and the cleanup of a
 * failed run or {@code destroy} deletes them, as destroy deletes the local files. Only a cluster
 * that exists keeps credentials in the store.
 */
public final class CredentialsBackupStage implements AfterBootstrap {
  public static final String SYSTEM = "infisical";
  public static final String KIND = "infisical_secret";

  private final SecretSink sink;
  private final String where;
  private final String cluster;
  private final ClusterFiles files;
  private final Gate gate;
  private final Progress progress;
  private boolean written;

  public CredentialsBackupStage(
      SecretSink sink,
      String where,
      String cluster,
      ClusterFiles files,
      Gate gate,
      Progress progress) {
    this.sink = sink;
    this.where = where;
    this.cluster = cluster;
    this.files = files;
    this.gate = gate;
    this.progress = progress;
  }

  /**
   * The store is reached and read with the configured identity now: a write-back that fails after
   * the cluster is up deletes the whole cluster.
   */
  @Override
  public List<PreflightCheck> preflight() {
    if (!(sink instanceof SecretSource source)) {
      return List.of();
    }
    return List.of(
        PreflightCheck.of(
            where + " access", () -> "readable, " + source.fetch().size() + " secrets in scope"));
  }

  @Override
  public List<Phase> phases(ClusterNodes cluster) {
    return List.of(
        Phase.always("backup", "Storing the cluster's credentials in " + where, this::store));
  }

  private void store() throws Exception {
    ClusterCredentialsBackup backup = new ClusterCredentialsBackup(cluster);
    Map<ClusterCredentialsBackup.Kind, Path> documents =
        Map.of(
            ClusterCredentialsBackup.Kind.SECRETS_BUNDLE, files.secrets(),
            ClusterCredentialsBackup.Kind.TALOSCONFIG, files.talosconfig(),
            ClusterCredentialsBackup.Kind.KUBECONFIG, files.kubeconfig());
    for (var e : documents.entrySet()) {
      String name = backup.secretName(e.getKey());
      Progress.Step step = progress.step("Writing " + name);
      String document = Files.readString(e.getValue());
      // Owned before it is written: a write whose answer was lost, or a run killed mid-write,
      // leaves nothing that cleanup and destroy do not know of (deleting a missing one is fine).
      gate.adopt(SYSTEM, new ResourceRef(KIND, name, name));
      gate.act(
          SYSTEM,
          "store " + name,
          Map.of(),
          () -> {
            backup.write(sink, e.getKey(), document);
            return null;
          });
      step.done("stored");
    }
    written = true;
  }

  @Override
  public Map<String, Cleanup.Deleter> deleters() {
    return deleter(sink);
  }

  /** How cleanup and destroy delete a copy this tool stored. */
  public static Map<String, Cleanup.Deleter> deleter(SecretSink sink) {
    return Map.of(SYSTEM, ref -> sink.delete(ref.id()));
  }

  @Override
  public Endpoints endpoints(Endpoints so) {
    return written ? so.withCredentialsStoredIn(where) : so;
  }

  @Override
  public List<String> reportLines() {
    return written
        ? List.of("Credentials:     stored in " + where + " for other operators")
        : List.of();
  }
}
