package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The resource types known to the simulated API server: the built-in ones a platform install
 * touches, plus every kind a CustomResourceDefinition registers once it is created, as the real API
 * server starts serving a CRD's group after it is established.
 */
final class KindCatalogue {
  private final List<ApiKind> kinds = new CopyOnWriteArrayList<>();

  KindCatalogue() {
    kinds.addAll(
        List.of(
            ApiKind.core("Namespace", "namespaces", false),
            ApiKind.core("Node", "nodes", false),
            ApiKind.core("PersistentVolume", "persistentvolumes", false),
            ApiKind.core("Pod", "pods", true),
            ApiKind.core("Service", "services", true),
            ApiKind.core("ServiceAccount", "serviceaccounts", true),
            ApiKind.core("ConfigMap", "configmaps", true),
            ApiKind.core("Secret", "secrets", true),
            ApiKind.core("Endpoints", "endpoints", true),
            ApiKind.core("PersistentVolumeClaim", "persistentvolumeclaims", true),
            ApiKind.core("Event", "events", true),
            apps("Deployment", "deployments"),
            apps("StatefulSet", "statefulsets"),
            apps("DaemonSet", "daemonsets"),
            apps("ReplicaSet", "replicasets"),
            new ApiKind("batch", "v1", "Job", "jobs", true),
            new ApiKind("batch", "v1", "CronJob", "cronjobs", true),
            rbac("Role", "roles", true),
            rbac("RoleBinding", "rolebindings", true),
            rbac("ClusterRole", "clusterroles", false),
            rbac("ClusterRoleBinding", "clusterrolebindings", false),
            new ApiKind("storage.k8s.io", "v1", "StorageClass", "storageclasses", false),
            new ApiKind("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true),
            new ApiKind("networking.k8s.io", "v1", "Ingress", "ingresses", true),
            new ApiKind("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true),
            new ApiKind(
                "apiextensions.k8s.io",
                "v1",
                "CustomResourceDefinition",
                "customresourcedefinitions",
                false)));
  }

  private static ApiKind apps(String kind, String plural) {
    return new ApiKind("apps", "v1", kind, plural, true);
  }

  private static ApiKind rbac(String kind, String plural, boolean namespaced) {
    return new ApiKind("rbac.authorization.k8s.io", "v1", kind, plural, namespaced);
  }

  /** Registers the served versions of a created CRD. */
  void register(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText();
    String kind = spec.path("names").path("kind").asText();
    String plural = spec.path("names").path("plural").asText();
    boolean namespaced = "Namespaced".equals(spec.path("scope").asText("Namespaced"));
    for (JsonNode version : spec.path("versions")) {
      if (version.path("served").asBoolean(true)) {
        ApiKind added = new ApiKind(group, version.path("name").asText(), kind, plural, namespaced);
        kinds.removeIf(k -> k.groupVersion().equals(added.groupVersion()) && k.kind().equals(kind));
        kinds.add(added);
      }
    }
  }

  /**
   * The type of an object by its {@code apiVersion} and {@code kind}, as a REST mapper finds it.
   */
  Optional<ApiKind> byKind(String apiVersion, String kind) {
    return kinds.stream()
        .filter(k -> k.groupVersion().equals(apiVersion) && k.kind().equals(kind))
        .findFirst();
  }

  Optional<ApiKind> byPlural(String group, String version, String plural) {
    return kinds.stream()
        .filter(k -> k.group().equals(group) && k.version().equals(version))
        .filter(k -> k.plural().equals(plural))
        .findFirst();
  }

  List<ApiKind> inGroupVersion(String group, String version) {
    return kinds.stream()
        .filter(k -> k.group().equals(group) && k.version().equals(version))
        .toList();
  }

  List<ApiKind> all() {
    return new ArrayList<>(kinds);
  }
}
