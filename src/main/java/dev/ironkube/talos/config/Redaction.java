package dev.ironkube.talos.config;

import java.util.List;
import java.util.Map;

/**
 * Blanks the secret values of a v1alpha1 document. Inline manifests are blanked whole because later
 * phases put Kubernetes Secrets in them. Certificates and the cluster id stay visible.
 */
final class Redaction {
  private static final List<List<String>> SECRET_PATHS =
      List.of(
          List.of("machine", "token"),
          List.of("machine", "ca", "key"),
          List.of("cluster", "secret"),
          List.of("cluster", "token"),
          List.of("cluster", "secretboxEncryptionSecret"),
          List.of("cluster", "ca", "key"),
          List.of("cluster", "aggregatorCA", "key"),
          List.of("cluster", "serviceAccount", "key"),
          List.of("cluster", "etcd", "ca", "key"));

  private Redaction() {}

  @SuppressWarnings("unchecked")
  static void apply(Map<String, Object> v1alpha1) {
    for (List<String> path : SECRET_PATHS) {
      Map<String, Object> node = v1alpha1;
      for (int i = 0; i < path.size() - 1 && node != null; i++) {
        node = node.get(path.get(i)) instanceof Map<?, ?> next ? (Map<String, Object>) next : null;
      }
      String leaf = path.get(path.size() - 1);
      // A worker's empty CA key stays "" so the rendering still shows it holds none.
      if (node != null && node.get(leaf) instanceof String value && !value.isEmpty()) {
        node.put(leaf, MachineConfigGenerator.REDACTED);
      }
    }
    if (v1alpha1.get("cluster") instanceof Map<?, ?> cluster
        && cluster.get("inlineManifests") instanceof List<?> manifests) {
      for (Object manifest : manifests) {
        ((Map<String, Object>) manifest).put("contents", MachineConfigGenerator.REDACTED);
      }
    }
  }
}
