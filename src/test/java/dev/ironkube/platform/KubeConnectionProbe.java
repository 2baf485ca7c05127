package dev.ironkube.platform;

import io.fabric8.kubernetes.client.KubernetesClient;
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

  /** What a test does with the client. */
  @FunctionalInterface
  public interface ClientUse<T> {
    T apply(KubernetesClient client) throws Exception;
  }

  public static <T> T withClient(String kubeconfig, ClientUse<T> use) {
    try (KubeConnection kube = KubeConnection.fromKubeconfig(kubeconfig)) {
      return use.apply(kube.client());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
