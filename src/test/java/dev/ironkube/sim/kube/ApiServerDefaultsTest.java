package dev.ironkube.sim.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What kube-apiserver adds or refuses on its own, whatever the client sends: discovery's short
 * names, the Namespace strategy's status and finalizer, the system metadata of created objects, and
 * the NamespaceLifecycle admission plugin.
 */
class ApiServerDefaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ApiKind NAMESPACES = ApiKind.core("Namespace", "namespaces", false);
  private static final ApiKind CONFIG_MAPS = ApiKind.core("ConfigMap", "configmaps", true);

  @Test
  void discoveryListsTheShortNamesKubectlResolves() throws Exception {
    try (KubeApiTestClient k =
        KubeApiTestClient.seeded(new AdjustableClock(), "cp-1", "127.0.1.10")) {
      // ShortNames() of each REST storage: pkg/registry/core/{namespace,node,pod,service}/storage,
      // pkg/registry/apps/deployment/storage, apiextensions-apiserver customresourcedefinition.
      JsonNode core = k.get("/api/v1", "application/json").body();
      assertThat(shortNames(core, "namespaces")).containsExactly("ns");
      assertThat(shortNames(core, "nodes")).containsExactly("no");
      assertThat(shortNames(core, "pods")).containsExactly("po");
      assertThat(shortNames(core, "services")).containsExactly("svc");
      // A resource without short names leaves the field out (omitempty).
      assertThat(resource(core, "secrets").has("shortNames")).isFalse();
      JsonNode apps = k.get("/apis/apps/v1", "application/json").body();
      assertThat(shortNames(apps, "deployments")).containsExactly("deploy");
      JsonNode ext = k.get("/apis/apiextensions.k8s.io/v1", "application/json").body();
      assertThat(shortNames(ext, "customresourcedefinitions")).containsExactly("crd", "crds");

      // A CRD's spec.names.shortNames, once it is served (argo-cd application-crd.yaml).
      k.cluster.routes.create(
          new ApiKind(
              "apiextensions.k8s.io",
              "v1",
              "CustomResourceDefinition",
              "customresourcedefinitions",
              false),
          null,
          (ObjectNode)
              new YAMLMapper()
                  .readTree(
                      """
                      metadata: {name: applications.argoproj.io}
                      spec:
                        group: argoproj.io
                        names: {kind: Application, plural: applications, shortNames: [app, apps]}
                        scope: Namespaced
                        versions: [{name: v1alpha1, served: true, storage: true}]
                      """));
      JsonNode argo = k.get("/apis/argoproj.io/v1alpha1", "application/json").body();
      assertThat(shortNames(argo, "applications")).containsExactly("app", "apps");
    }
  }

  @Test
  void aNamespaceCreatedThroughTheApiIsActiveWithTheKubernetesFinalizer() throws Exception {
    try (KubeApiTestClient k =
        KubeApiTestClient.seeded(new AdjustableClock(), "cp-1", "127.0.1.10")) {
      // pkg/registry/core/namespace/strategy.go PrepareForCreate; pkg/apis/core/v1/defaults.go.
      k.cluster.routes.create(NAMESPACES, null, ServerSidePrintingTest.namespace("argocd"));

      JsonNode ns = k.get("/api/v1/namespaces/argocd", "application/json").body();

      assertThat(ns.path("status").path("phase").asText()).isEqualTo("Active");
      assertThat(ns.path("spec").path("finalizers").get(0).asText()).isEqualTo("kubernetes");
      assertThat(ns.path("metadata").path("labels").path("kubernetes.io/metadata.name").asText())
          .isEqualTo("argocd");
      // System fields the registry fills on create (k8s.io/apiserver pkg/registry/rest/meta.go).
      assertThat(ns.path("metadata").path("uid").asText()).isNotEmpty();
      assertThat(ns.path("metadata").path("resourceVersion").asText()).isNotEmpty();
      assertThat(ns.path("metadata").path("creationTimestamp").asText())
          .isEqualTo("2026-11-22T04:00:00Z");
      JsonNode seeded = k.get("/api/v1/namespaces/kube-system", "application/json").body();
      assertThat(seeded.path("status").path("phase").asText()).isEqualTo("Active");
    }
  }

  @Test
  void nothingIsCreatedInANamespaceThatDoesNotExist() throws Exception {
    try (KubeApiTestClient k =
        KubeApiTestClient.seeded(new AdjustableClock(), "cp-1", "127.0.1.10")) {
      // NamespaceLifecycle admission (k8s.io/apiserver pkg/admission/plugin/namespace/lifecycle):
      // errors.NewNotFound(namespaces resource, name).
      ResourceRoutes.Answer refused = k.cluster.routes.create(CONFIG_MAPS, "nope", configMap(""));

      assertThat(refused.status()).isEqualTo(404);
      assertThat(refused.body().path("reason").asText()).isEqualTo("NotFound");
      assertThat(refused.body().path("message").asText())
          .isEqualTo("namespaces \"nope\" not found");
      assertThat(refused.body().path("details").path("kind").asText()).isEqualTo("namespaces");
      assertThat(k.get("/api/v1/namespaces/nope/configmaps/settings", "application/json").status())
          .isEqualTo(404);
    }
  }

  @Test
  void anObjectNamingAnotherNamespaceThanTheRequestIsABadRequest() throws Exception {
    try (KubeApiTestClient k =
        KubeApiTestClient.seeded(new AdjustableClock(), "cp-1", "127.0.1.10")) {
      // rest.EnsureObjectNamespaceMatchesRequestNamespace (k8s.io/apiserver pkg/registry/rest).
      ResourceRoutes.Answer refused =
          k.cluster.routes.create(CONFIG_MAPS, "default", configMap("kube-system"));

      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body().path("message").asText())
          .isEqualTo(
              "the namespace of the provided object does not match the namespace sent on the"
                  + " request");
      assertThat(k.cluster.routes.create(CONFIG_MAPS, "default", configMap("default")).status())
          .isEqualTo(201);
    }
  }

  private static ObjectNode configMap(String namespace) {
    ObjectNode cm = JSON.createObjectNode();
    ObjectNode meta = cm.putObject("metadata").put("name", "settings");
    if (!namespace.isEmpty()) {
      meta.put("namespace", namespace);
    }
    return cm;
  }

  private static JsonNode resource(JsonNode list, String plural) {
    for (JsonNode r : list.path("resources")) {
      if (r.path("name").asText().equals(plural)) {
        return r;
      }
    }
    throw new AssertionError("no " + plural + " in " + list);
  }

  private static List<String> shortNames(JsonNode list, String plural) {
    List<String> names = new ArrayList<>();
    resource(list, plural).path("shortNames").forEach(n -> names.add(n.asText()));
    return names;
  }
}
