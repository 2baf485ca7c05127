package dev.ironkube.sim.daemon;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.function.Function;

/** Reads through the Kubernetes client, configured from a kubeconfig alone as kubectl is. */
final class KubeReads {
  private KubeReads() {}

  static <T> T read(String kubeconfig, Function<KubernetesClient, T> read) {
    Config config = Config.fromKubeconfig(kubeconfig);
    config.setRequestTimeout(5_000);
    config.setConnectionTimeout(2_000);
    config.setRequestRetryBackoffLimit(0);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      return read.apply(client);
    }
  }

  static boolean ready(Node node) {
    return node.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }
}
