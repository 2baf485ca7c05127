package dev.ironkube.platform;

import java.util.Set;

/**
 * The kinds that live outside namespaces. Upstream install manifests leave namespaces off their
 * namespaced objects (expecting {@code kubectl apply -n}); ironkube injects them, so it has to know
 * which kinds must not get one.
 */
final class ClusterScope {
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "Node",
          "PersistentVolume",
          "CustomResourceDefinition",
          "ClusterRole",
          "ClusterRoleBinding",
          "StorageClass",
          "PriorityClass",
          "IngressClass",
          "CSIDriver",
          "RuntimeClass",
          "APIService",
          "ValidatingWebhookConfiguration",
          "MutatingWebhookConfiguration",
          "ValidatingAdmissionPolicy",
          "ValidatingAdmissionPolicyBinding");

  private ClusterScope() {}

  static boolean isClusterScoped(String kind) {
    return CLUSTER_SCOPED.contains(kind);
  }
}
