package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The resource types known to the simulated API server: the built-in ones a platform install
 * touches, plus every kind a CustomResourceDefinition registers once it is created, as the real API
 * server starts serving a CRD's group after it is established.
 */
final class KindCatalogue {
  /**
   * The short names each built-in resource's REST storage declares ({@code ShortNames()} in
   * kubernetes/kubernetes {@code pkg/registry/<group>/<resource>/storage/storage.go}, and for CRDs
   * {@code
   * staging/src/k8s.io/apiextensions-apiserver/pkg/registry/customresourcedefinition/etcd.go}),
   * which discovery lists and kubectl resolves {@code get ns} by.
   */
  private static final Map<String, List<String>> BUILT_IN_SHORT_NAMES =
      Map.ofEntries(
          Map.entry("/namespaces", List.of("ns")),
          Map.entry("/nodes", List.of("no")),
          Map.entry("/persistentvolumes", List.of("pv")),
          Map.entry("/pods", List.of("po")),
          Map.entry("/services", List.of("svc")),
          Map.entry("/serviceaccounts", List.of("sa")),
          Map.entry("/configmaps", List.of("cm")),
          Map.entry("/endpoints", List.of("ep")),
          Map.entry("/persistentvolumeclaims", List.of("pvc")),
          Map.entry("/events", List.of("ev")),
          Map.entry("apps/deployments", List.of("deploy")),
          Map.entry("apps/statefulsets", List.of("sts")),
          Map.entry("apps/daemonsets", List.of("ds")),
          Map.entry("apps/replicasets", List.of("rs")),
          Map.entry("batch/cronjobs", List.of("cj")),
          Map.entry("storage.k8s.io/storageclasses", List.of("sc")),
          Map.entry("networking.k8s.io/networkpolicies", List.of("netpol")),
          Map.entry("networking.k8s.io/ingresses", List.of("ing")),
          Map.entry("policy/poddisruptionbudgets", List.of("pdb")),
          Map.entry("apiextensions.k8s.io/customresourcedefinitions", List.of("crd", "crds")));

  private final List<ApiKind> kinds = new CopyOnWriteArrayList<>();

  /**
   * The built-in resources in kubectl's {@code all} category: those whose REST storage implements
   * rest.CategoriesProvider returning {@code "all"} in kubernetes/kubernetes pkg/registry
   * (core/pod/storage, core/service/storage, core/replicationcontroller/storage,
   * apps/{deployment,daemonset,replicaset,statefulset}/storage, batch/{job,cronjob}/storage,
   * autoscaling/horizontalpodautoscaler/storage).
   */
  private static final Set<String> IN_ALL =
      Set.of(
          "/pods",
          "/services",
          "/replicationcontrollers",
          "apps/deployments",
          "apps/daemonsets",
          "apps/replicasets",
          "apps/statefulsets",
          "batch/jobs",
          "batch/cronjobs",
          "autoscaling/horizontalpodautoscalers");

  private final Map<String, List<String>> crdShortNames = new ConcurrentHashMap<>();
  private final Map<String, List<String>> crdCategories = new ConcurrentHashMap<>();

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
    List<String> shortNames = new ArrayList<>();
    spec.path("names").path("shortNames").forEach(n -> shortNames.add(n.asText()));
    crdShortNames.put(group + "/" + plural, List.copyOf(shortNames));
    List<String> categories = new ArrayList<>();
    spec.path("names").path("categories").forEach(n -> categories.add(n.asText()));
    crdCategories.put(group + "/" + plural, List.copyOf(categories));
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

  /** The short names discovery lists for {@code kind}: a CRD's spec.names.shortNames, say. */
  List<String> shortNames(ApiKind kind) {
    String key = kind.group() + "/" + kind.plural();
    return crdShortNames.getOrDefault(key, BUILT_IN_SHORT_NAMES.getOrDefault(key, List.of()));
  }

  /**
   * The categories discovery lists for {@code kind}: {@code all} for the built-in workloads and
   * services, a CRD's spec.names.categories.
   */
  List<String> categories(ApiKind kind) {
    String key = kind.group() + "/" + kind.plural();
    return crdCategories.getOrDefault(key, IN_ALL.contains(key) ? List.of("all") : List.of());
  }

  List<ApiKind> all() {
    return new ArrayList<>(kinds);
  }
}
