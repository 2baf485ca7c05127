package dev.ironkube.secrets;

import dev.ironkube.store.ClusterFiles;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Phase;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.provision.AfterBootstrap;
import dev.ironkube.workflow.provision.ClusterNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Stores the cluster's secrets bundle, talosconfig and kubeconfig in the secret store once the
 * cluster is bootstrapped, so a second operator can manage it: {@link ClusterCredentialsBackup}
 * encodes them, since the store trims values.
 */
public final class CredentialsBackupStage implements AfterBootstrap {
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
      Progress.Step step = progress.step("Writing " + backup.secretName(e.getKey()));
      String document = Files.readString(e.getValue());
      gate.act(
          "infisical",
          "store " + backup.secretName(e.getKey()),
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
  public List<String> reportLines() {
    return written
        ? List.of("Credentials:     stored in " + where + " for other operators")
        : List.of();
  }
}
