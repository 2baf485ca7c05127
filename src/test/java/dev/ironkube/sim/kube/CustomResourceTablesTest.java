package dev.ironkube.sim.kube;

import static dev.ironkube.sim.kube.ServerSidePrintingTest.names;
import static dev.ironkube.sim.kube.ServerSidePrintingTest.namespace;
import static dev.ironkube.sim.kube.ServerSidePrintingTest.row;
import static dev.ironkube.sim.kube.ServerSidePrintingTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Custom resources as kubectl get prints them: kubernetes/kubernetes {@code
 * staging/src/k8s.io/apiextensions-apiserver/pkg/registry/customresource/tableconvertor/tableconvertor.go}
 * and {@code serveDefaultColumnsIfEmpty}; the Application CRD's columns from argoproj/argo-cd
 * {@code manifests/crds/application-crd.yaml}.
 */
class CustomResourceTablesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ApiKind NAMESPACES = ApiKind.core("Namespace", "namespaces", false);

  @Test
  void applicationsAsATableShowTheCrdsPrinterColumns() throws Exception {
    AdjustableClock clock = new AdjustableClock();
    try (KubeApiTestClient k = KubeApiTestClient.seeded(clock, "cp-1", "127.0.1.10")) {
      ApiKind crds =
          new ApiKind(
              "apiextensions.k8s.io",
              "v1",
              "CustomResourceDefinition",
              "customresourcedefinitions",
              false);
      k.cluster.routes.create(crds, null, applicationCrd());
      k.cluster.routes.create(crds, null, plainCrd());
      k.cluster.routes.create(NAMESPACES, null, namespace("argocd"));
      ObjectNode app = JSON.createObjectNode();
      app.putObject("metadata").put("name", "guestbook");
      app.putObject("spec").put("project", "default");
      app.putObject("status").putObject("sync").put("status", "Synced");
      k.cluster.routes.create(
          new ApiKind("argoproj.io", "v1alpha1", "Application", "applications", true),
          "argocd",
          app);
      ObjectNode widget = JSON.createObjectNode();
      widget.putObject("metadata").put("name", "w1");
      k.cluster.routes.create(
          new ApiKind("example.com", "v1", "Widget", "widgets", false), null, widget);
      clock.advance(Duration.ofMinutes(12));

      JsonNode table =
          k.get(
                  "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications",
                  KubeApiTestClient.KUBECTL_TABLE_ACCEPT)
              .body();

      assertThat(names(table))
          .containsExactly("Name", "Sync Status", "Health Status", "Revision", "Project");
      assertThat(table.path("columnDefinitions").get(3).path("priority").asInt()).isEqualTo(10);
      assertThat(table.path("columnDefinitions").get(1).path("description").asText())
          .isEqualTo("Custom resource definition column (in JSONPath format): .status.sync.status");
      JsonNode cells = row(table, "guestbook").path("cells");
      JsonNode live =
          k.get("/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/guestbook", "*/*")
              .body();
      assertThat(cells.get(0).asText()).isEqualTo("guestbook");
      // The columns read the object as served (the simulated controller writes its status).
      assertThat(cells.get(1).asText())
          .isEqualTo(live.path("status").path("sync").path("status").asText())
          .isNotEmpty();
      assertThat(cells.get(2).asText())
          .isEqualTo(live.path("status").path("health").path("status").asText())
          .isNotEmpty();
      // A path with no value is a null cell (kubectl prints <none>).
      assertThat(cells.get(3).isNull()).isTrue();
      assertThat(cells.get(4).asText()).isEqualTo("default");

      // A CRD without additionalPrinterColumns serves Name and Age (serveDefaultColumnsIfEmpty).
      JsonNode widgets =
          k.get("/apis/example.com/v1/widgets", KubeApiTestClient.KUBECTL_TABLE_ACCEPT).body();
      assertThat(names(widgets)).containsExactly("Name", "Age");
      assertThat(widgets.path("columnDefinitions").get(1).path("type").asText()).isEqualTo("date");
      assertThat(texts(row(widgets, "w1").path("cells"))).containsExactly("w1", "12m");
    }
  }

  private static ObjectNode applicationCrd() throws Exception {
    return (ObjectNode)
        new YAMLMapper()
            .readTree(
                """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: applications.argoproj.io}
                spec:
                  group: argoproj.io
                  names: {kind: Application, listKind: ApplicationList, plural: applications,
                          singular: application, shortNames: [app, apps]}
                  scope: Namespaced
                  versions:
                  - name: v1alpha1
                    served: true
                    storage: true
                    additionalPrinterColumns:
                    - {jsonPath: .status.sync.status, name: Sync Status, type: string}
                    - {jsonPath: .status.health.status, name: Health Status, type: string}
                    - {jsonPath: .status.sync.revision, name: Revision, priority: 10, type: string}
                    - {jsonPath: .spec.project, name: Project, priority: 10, type: string}
                """);
  }

  private static ObjectNode plainCrd() throws Exception {
    return (ObjectNode)
        new YAMLMapper()
            .readTree(
                """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  names: {kind: Widget, plural: widgets}
                  scope: Cluster
                  versions: [{name: v1, served: true, storage: true}]
                """);
  }
}
