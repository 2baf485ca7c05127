package dev.ironkube.platform;

import java.util.List;

/** Test access to the package-private client, for the simulator's own tests. */
public final class KubeConnectionProbe {
  private KubeConnectionProbe() {}

  /** Names of the nodes whose Ready condition is True. */
  public static List<String> readyNodes(String kubeconfig) {
    try (KubeConnection kube = KubeConnection.fromKubeconfig(kubeconfig)) {
      return kube.client().nodes().list().getItems().stream()
          .filter(
              n ->
                  n.getStatus().getConditions().stream()
                      .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")))
          .map(n -> n.getMetadata().getName())
          .toList();
    }
  }
}
