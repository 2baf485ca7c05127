package dev.ironkube.cli;

import dev.ironkube.provider.ResourceRef;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.store.IronkubeHome;
import dev.ironkube.store.SecureFiles;
import dev.ironkube.workflow.Gate;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.Outcome;
import java.time.Clock;
import java.util.Map;

/**
 * A provisioned one-node cluster as {@code status} and {@code kubeconfig} find it on disk, written
 * through the same journal and gate a provision uses, into a throwaway home: what the class-cache
 * training run and the start-up benchmark read, so both exercise the journal path without ordering
 * anything. Its kubeconfig names a documentation address (RFC 5737) and carries no credential.
 */
public final class SampleCluster {
  public static final String NAME = "sample";

  private SampleCluster() {}

  /** Writes the cluster into {@code home}, which must not be anyone's real home. */
  public static void write(IronkubeHome home, Clock clock) {
    ClusterFiles files = home.cluster(NAME);
    SecureFiles.createPrivateDirectories(files.dir());
    Journal journal = Journal.open(files.journal(), clock, warning -> {});
    Gate gate = new Gate(journal, false);
    journal.value("plan", "c2-small-x86");
    journal.value("site", "ASH");
    journal.value("price", "$0.21/h");
    gate.create(
        "latitude",
        "project",
        "ironkube-" + NAME,
        Map.of(),
        () -> new ResourceRef("project", "proj_sample", "ironkube-" + NAME));
    gate.create(
        "latitude",
        ResourceRef.SERVER,
        NAME + "-cp-1",
        Map.of("plan", "c2-small-x86", "site", "ASH"),
        () -> new ResourceRef(ResourceRef.SERVER, "sv_sample", NAME + "-cp-1"));
    journal.value("ipv4 " + NAME + "-cp-1", "192.0.2.10");
    journal.value("ipv4", "192.0.2.10");
    journal.phaseDone("order");
    journal.outcome(Outcome.PROVISIONED, NAME + "-cp-1");
    SecureFiles.write(
        files.kubeconfig(),
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: https://192.0.2.10:6443
        contexts:
        - name: admin@%1$s
          context:
            cluster: %1$s
            user: admin@%1$s
        current-context: admin@%1$s
        users:
        - name: admin@%1$s
          user: {}
        """
            .formatted(NAME));
  }
}
