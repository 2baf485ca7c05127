package dev.ironkube.sim.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl get all} expands the {@code all} category from discovery: each resource's
 * APIResource.Categories (apimachinery pkg/apis/meta/v1/types.go, omitempty), which kube-apiserver
 * fills from its REST storage's rest.CategoriesProvider. In kubernetes/kubernetes pkg/registry the
 * storages of pods, services, replicationcontrollers
 * (core/{pod,service,replicationcontroller}/storage), deployments, daemonsets, replicasets,
 * statefulsets (apps/...), jobs, cronjobs (batch/...) return {@code "all"}; others (namespaces,
 * nodes, secrets, configmaps) implement none.
 */
class DiscoveryCategoriesTest {

  @Test
  void theWorkloadsAndServicesAreInTheAllCategoryAndOthersInNone() throws Exception {
    try (KubeApiTestClient k =
        KubeApiTestClient.seeded(new AdjustableClock(), "cp-1", "127.0.1.10")) {
      JsonNode core = k.get("/api/v1", "application/json").body();
      assertThat(categories(core, "pods")).containsExactly("all");
      assertThat(categories(core, "services")).containsExactly("all");
      for (String none : List.of("namespaces", "nodes", "secrets", "configmaps")) {
        if (has(core, none)) {
          assertThat(resource(core, none).has("categories")).as(none).isFalse();
        }
      }
      JsonNode apps = k.get("/apis/apps/v1", "application/json").body();
      for (String plural : List.of("deployments", "daemonsets", "replicasets", "statefulsets")) {
        assertThat(categories(apps, plural)).as(plural).containsExactly("all");
      }
      JsonNode batch = k.get("/apis/batch/v1", "application/json").body();
      for (String plural : List.of("jobs", "cronjobs")) {
        if (has(batch, plural)) {
          assertThat(categories(batch, plural)).as(plural).containsExactly("all");
        }
      }
    }
  }

  @Test
  void aCrdListsTheCategoriesItsSpecDeclares() throws Exception {
    try (KubeApiTestClient k =
        KubeApiTestClient.seeded(new AdjustableClock(), "cp-1", "127.0.1.10")) {
      // apiextensions-apiserver serves spec.names.categories as the resource's categories
      // (pkg/apiserver/customresource_discovery_controller.go); cert-manager's CRDs declare
      // [cert-manager].
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
                      metadata: {name: certificates.cert-manager.io}
                      spec:
                        group: cert-manager.io
                        names:
                          kind: Certificate
                          plural: certificates
                          shortNames: [cert, certs]
                          categories: [cert-manager]
                        scope: Namespaced
                        versions: [{name: v1, served: true, storage: true}]
                      """));
      JsonNode certs = k.get("/apis/cert-manager.io/v1", "application/json").body();
      assertThat(categories(certs, "certificates")).containsExactly("cert-manager");
    }
  }

  private static boolean has(JsonNode list, String plural) {
    for (JsonNode r : list.path("resources")) {
      if (r.path("name").asText().equals(plural)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode resource(JsonNode list, String plural) {
    for (JsonNode r : list.path("resources")) {
      if (r.path("name").asText().equals(plural)) {
        return r;
      }
    }
    throw new AssertionError("no " + plural + " in " + list);
  }

  private static List<String> categories(JsonNode list, String plural) {
    List<String> out = new ArrayList<>();
    resource(list, plural).path("categories").forEach(n -> out.add(n.asText()));
    return out;
  }
}
