package dev.ironkube.sim.talos;

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

  /** Builds the API for a node that was just bootstrapped. */
  @FunctionalInterface
  interface Factory {
    KubernetesApi start(KubernetesApiSetup setup);
  }
}
