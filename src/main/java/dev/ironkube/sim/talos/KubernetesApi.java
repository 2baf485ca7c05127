package dev.ironkube.sim.talos;

import dev.ironkube.sim.kube.KubeCluster;
import java.util.Optional;

/**
 * The Kubernetes API a simulated control plane serves on port 6443 once it is bootstrapped. An
 * interface so a fuller simulation can replace {@link MinimalKubernetesApi} without touching the
 * node: {@link TalosNodeFake#useKubernetesApi} takes a factory of these.
 */
public interface KubernetesApi extends AutoCloseable {
  /** The port it listens on (6443 in product use). */
  int port();

  @Override
  void close();

  /** The cluster state it serves, when another control plane can serve it too. */
  default Optional<KubeCluster> state() {
    return Optional.empty();
  }

  /** Builds the API for a node that was just bootstrapped. */
  @FunctionalInterface
  interface Factory {
    KubernetesApi start(KubernetesApiSetup setup);

    /**
     * The API of another control plane of a cluster whose first API server holds {@code shared}. An
     * API without shareable state serves its own, as a single-node simulation does.
     */
    default KubernetesApi serve(KubernetesApiSetup setup, KubeCluster shared) {
      return start(setup);
    }
  }
}
