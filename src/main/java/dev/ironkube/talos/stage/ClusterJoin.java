package dev.ironkube.talos.stage;

import static dev.ironkube.settings.SettingsCatalogue.BOOTSTRAP_TIMEOUT;
import static dev.ironkube.settings.SettingsCatalogue.TALOS_POLL;

import dev.ironkube.store.SecureFiles;
import dev.ironkube.talos.api.TalosClient;
import dev.ironkube.workflow.Progress;
import dev.ironkube.workflow.Wait;
import dev.ironkube.workflow.provision.ClusterNodes;
import dev.ironkube.workflow.provision.TalosStage.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Configured nodes into one Kubernetes cluster: etcd bootstrapped once on the first control plane,
 * its core services healthy, the kubeconfig fetched and the API proven to answer with the cluster's
 * CA; then every other node's services healthy and the node Ready.
 */
final class ClusterJoin {
  static final Set<String> CORE_SERVICES = Set.of("etcd", "kubelet", "apid", "trustd");

  /** Workers run neither etcd nor trustd. */
  static final Set<String> WORKER_SERVICES = Set.of("kubelet", "apid");

  private final TalosRun run;

  ClusterJoin(TalosRun run) {
    this.run = run;
  }

  void bootstrap(ClusterNodes cluster) {
    Node node = cluster.first();
    var identity = run.identity(cluster);
    Duration timeout = run.settings().duration(BOOTSTRAP_TIMEOUT);
    String label = TalosRun.label(node);
    Progress.Step etcd = run.progress().step(label + ": bootstrapping etcd");
    try (TalosClient client =
        TalosClient.secure(node.address(), 50000, identity, run.polling(etcd))) {
      var result =
          run.gate()
              .act(
                  "talos",
                  "bootstrap etcd " + node.hostname() + " (" + node.serverId() + ")",
                  Map.of("address", node.address()),
                  () -> client.bootstrap(timeout));
      etcd.done(
          result == TalosClient.BootstrapResult.BOOTSTRAPPED ? "done" : "already bootstrapped");

      Progress.Step health =
          run.progress().step(label + ": waiting for etcd, kubelet, apid and trustd");
      try (TalosClient watcher =
          TalosClient.secure(node.address(), 50000, identity, run.polling(health))) {
        watcher.awaitHealthy(CORE_SERVICES, timeout);
      }
      health.done("healthy");

      Progress.Step kube = run.progress().step("Fetching kubeconfig");
      byte[] kubeconfig = client.kubeconfig();
      SecureFiles.write(run.files().kubeconfig(), kubeconfig);
      kube.done(run.files().kubeconfig().toString());
    }
    awaitReady(cluster, node, timeout);
  }

  void join(ClusterNodes cluster, Node node) {
    Duration timeout = run.settings().duration(BOOTSTRAP_TIMEOUT);
    Set<String> services = node.controlPlane() ? CORE_SERVICES : WORKER_SERVICES;
    Progress.Step health =
        run.progress()
            .step(
                TalosRun.label(node)
                    + ": waiting for "
                    + (node.controlPlane() ? "etcd to join and its services" : "kubelet and apid"));
    try (TalosClient watcher =
        TalosClient.secure(node.address(), 50000, run.identity(cluster), run.polling(health))) {
      watcher.awaitHealthy(services, timeout);
    }
    health.done("healthy");
    awaitReady(cluster, node, timeout);
  }

  private void awaitReady(ClusterNodes cluster, Node node, Duration timeout) {
    Progress.Step api =
        run.progress()
            .step(
                TalosRun.label(node)
                    + ": waiting for "
                    + (node == cluster.first() ? "the Kubernetes API and " : "")
                    + "the node to be Ready");
    KubeApiProbe probe;
    try {
      probe =
          KubeApiProbe.fromKubeconfig(Files.readString(run.files().kubeconfig()))
              .dialling(cluster.first().address());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    new Wait(run.clock(), run.cancellation(), new Random())
        .until(
            node.hostname() + " Ready in Kubernetes",
            timeout,
            run.settings().duration(TALOS_POLL),
            api,
            () -> {
              if (probe.version().isEmpty()) {
                return new Wait.Poll.NotYet<>("API not answering with the cluster CA yet", -1);
              }
              return probe
                  .nodeReady(node.hostname())
                  .<Wait.Poll<Boolean>>map(
                      ready ->
                          ready
                              ? new Wait.Poll.Done<>(true)
                              : new Wait.Poll.NotYet<>(
                                  "registered, not Ready yet"
                                      + probe
                                          .notReadyMessage(node.hostname())
                                          .map(m -> " (" + m + ")")
                                          .orElse(""),
                                  -1))
                  .orElseGet(() -> new Wait.Poll.NotYet<>("not registered yet", -1));
            });
    api.done("Ready");
  }
}
