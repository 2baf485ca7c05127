package dev.ironkube.sim.talos;

import dev.ironkube.sim.kube.KubeCluster;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Kubernetes API server a control plane runs on its 6443 once its etcd runs: the first one of a
 * cluster creates the cluster's state, every later one (a joined control plane, the same node after
 * a reboot) serves that same state, behind the node's ingress firewall. Guarded by the node's lock.
 */
final class NodeKubernetes {
  /** The Kubernetes version the control plane reports when the config names no kubelet image. */
  static final String KUBERNETES_VERSION = "v1.34.1";

  /** The kubelet image's tag: the Kubernetes version the config runs (machine.kubelet.image). */
  private static final Pattern KUBELET_TAG =
      Pattern.compile("ghcr\\.io/siderolabs/kubelet:(v\\d+\\.\\d+\\.\\d+)");

  private final InetAddress address;
  private final int port;
  private final NodeIngress ingress;
  private KubernetesApi.Factory factory = MinimalKubernetesApi::start;
  private KubernetesApi api;

  NodeKubernetes(InetAddress address, int port, NodeIngress ingress) {
    this.address = address;
    this.port = port;
    this.ingress = ingress;
  }

  /** Replaces the simulated Kubernetes API; takes effect at the next start. */
  void use(KubernetesApi.Factory factory) {
    this.factory = factory;
  }

  Optional<KubernetesApi> api() {
    return Optional.ofNullable(api);
  }

  /**
   * Starts the API server of {@code node} unless it runs; only the bootstrap node's first one may
   * create the cluster's state, which it then hands to the cluster.
   */
  void start(
      TalosNodeFake node,
      AppliedConfig config,
      String hostname,
      TalosCluster cluster,
      boolean bootstrapped) {
    if (api != null) {
      return;
    }
    SimPki.Issued cert = NodeCertificates.kubeApiServer(config, address);
    // Every control plane serves the cluster's one state; the first API server creates it.
    KubeCluster shared = cluster.kubeState();
    if (shared == null && !bootstrapped) {
      return; // only the bootstrap node's first API server creates the cluster's state
    }
    KubernetesApi.Factory chosen = factory;
    api =
        FirewalledKubernetesApi.start(
            setup -> shared == null ? chosen.start(setup) : chosen.serve(setup, shared),
            new KubernetesApiSetup(
                address,
                port,
                hostname,
                kubernetesVersion(config),
                cert.certificate(),
                cert.key(),
                config.k8sCa().certificate(),
                config.k8sCa().key()),
            ingress);
    if (shared == null) {
      api.state().ifPresent(state -> cluster.kubernetesStarted(node, state));
    }
  }

  private static String kubernetesVersion(AppliedConfig config) {
    var m = KUBELET_TAG.matcher(new String(config.raw(), StandardCharsets.UTF_8));
    return m.find() ? m.group(1) : KUBERNETES_VERSION;
  }

  void stop() {
    if (api != null) {
      api.close();
      api = null;
    }
  }
}
