package dev.ironkube.sim.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.platform.CiliumManifests;
import dev.ironkube.platform.PlatformSpec;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kubectl get asks for a {@code meta.k8s.io} Table and prints the server's columns. Expectations
 * come from kubernetes/kubernetes {@code pkg/printers/internalversion/printers.go} (AddHandlers,
 * printNode, printPod, printNamespace, printObjectMeta), {@code
 * staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go} (asTable, includeObject), {@code
 * staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go} (Table) and {@code
 * staging/src/k8s.io/apiextensions-apiserver/pkg/registry/customresource/tableconvertor/tableconvertor.go};
 * the Application CRD's columns from argoproj/argo-cd {@code manifests/crds/application-crd.yaml}.
 */
class ServerSidePrintingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ApiKind NAMESPACES = ApiKind.core("Namespace", "namespaces", false);

  @Test
  void nodesAsATableCarryStatusRolesAgeAndVersionAndEveryWideColumn() throws Exception {
    AdjustableClock clock = new AdjustableClock();
    try (KubeApiTestClient k = KubeApiTestClient.seeded(clock, "cp-1", "127.0.1.10")) {
      k.cluster.createMissing(
          CiliumManifests.render(PlatformSpec.defaults()).stream()
              .map(m -> m.json().deepCopy())
              .toList());
      k.cluster.registerNode("worker-1", InetAddress.getByName("127.0.1.11"), false, false);
      clock.advance(Duration.ofMinutes(5));

      JsonNode table = k.get("/api/v1/nodes", KubeApiTestClient.KUBECTL_TABLE_ACCEPT).body();

      assertThat(table.path("kind").asText()).isEqualTo("Table");
      // The client's first acceptable choice: v1.
      assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
      assertThat(names(table))
          .containsExactly(
              "Name",
              "Status",
              "Roles",
              "Age",
              "Version",
              "Internal-IP",
              "External-IP",
              "OS-Image",
              "Kernel-Version",
              "Container-Runtime");
      // Only the wide columns have priority 1; kubectl shows priority 0 without -o wide.
      assertThat(table.path("columnDefinitions").get(5).path("priority").asInt()).isEqualTo(1);
      assertThat(table.path("columnDefinitions").get(4).path("priority").asInt()).isZero();
      assertThat(table.path("columnDefinitions").get(0).path("format").asText()).isEqualTo("name");

      JsonNode cp = row(table, "cp-1");
      assertThat(texts(cp.path("cells")))
          .containsExactly(
              "cp-1",
              "Ready",
              "control-plane", // node-role.kubernetes.io/control-plane suffix
              "5m",
              Discovery.KUBERNETES_VERSION,
              "127.0.1.10",
              "<none>",
              "Talos (v1.11.5)",
              "<unknown>",
              "<unknown>");
      JsonNode worker = row(table, "worker-1");
      assertThat(texts(worker.path("cells")).subList(1, 4))
          .containsExactly("NotReady", "<none>", "5m");
      // includeObject defaults to Metadata: each row carries a PartialObjectMetadata.
      assertThat(cp.path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
      assertThat(cp.path("object").path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
      assertThat(cp.path("object").path("metadata").path("name").asText()).isEqualTo("cp-1");
      assertThat(cp.path("object").has("status")).isFalse();
      assertThat(table.path("metadata").path("resourceVersion").asText()).isNotEmpty();
    }
  }

  @Test
  void aCordonedNodeShowsSchedulingDisabledAndOneNodeIsATableOfOneRow() throws Exception {
    AdjustableClock clock = new AdjustableClock();
    try (KubeApiTestClient k = KubeApiTestClient.seeded(clock, "cp-1", "127.0.1.10")) {
      k.cluster.registerNode("worker-1", InetAddress.getByName("127.0.1.11"), false, true);
      ObjectNode node =
          k.cluster.store.get(ApiKind.core("Node", "nodes", false), null, "worker-1").orElseThrow();
      node.with("spec").put("unschedulable", true);
      node.with("metadata").with("labels").put("kubernetes.io/role", "edge");
      node.with("metadata").remove("resourceVersion");
      k.cluster.store.replace(ApiKind.core("Node", "nodes", false), null, "worker-1", node);

      JsonNode table =
          k.get("/api/v1/nodes/worker-1", KubeApiTestClient.KUBECTL_TABLE_ACCEPT).body();

      assertThat(table.path("rows")).hasSize(1);
      String status = table.path("rows").get(0).path("cells").get(1).asText();
      assertThat(status).endsWith(",SchedulingDisabled");
      // kubernetes.io/role's value counts as a role (findNodeRoles).
      assertThat(table.path("rows").get(0).path("cells").get(2).asText()).isEqualTo("edge");
    }
  }

  @Test
  void podsAsATableCountReadyContainersAndCarryTheirNamespaceInTheRowObject() throws Exception {
    AdjustableClock clock = new AdjustableClock();
    try (KubeApiTestClient k = KubeApiTestClient.seeded(clock, "cp-1", "127.0.1.10")) {
      k.cluster.createMissing(
          CiliumManifests.render(PlatformSpec.defaults()).stream()
              .map(m -> m.json().deepCopy())
              .toList());
      k.cluster.routes.create(NAMESPACES, null, namespace("demo"));
      k.cluster.routes.create(
          new ApiKind("apps", "v1", "Deployment", "deployments", true), "demo", deployment("web"));
      clock.advance(Duration.ofMinutes(3));

      JsonNode table = k.get("/api/v1/pods", KubeApiTestClient.KUBECTL_TABLE_ACCEPT).body();

      assertThat(names(table))
          .containsExactly(
              "Name",
              "Ready",
              "Status",
              "Restarts",
              "Age",
              "IP",
              "Node",
              "Nominated Node",
              "Readiness Gates");
      JsonNode web = null;
      for (JsonNode r : table.path("rows")) {
        if (r.path("cells").get(0).asText().startsWith("web-")) {
          web = r;
        }
      }
      assertThat(web).as("the Deployment's pod in %s", table).isNotNull();
      List<String> cells = texts(web.path("cells"));
      assertThat(cells.subList(1, 5)).containsExactly("1/1", "Running", "0", "3m");
      assertThat(cells.get(6)).isEqualTo("cp-1");
      // kubectl get -A prints NAMESPACE from the row's object metadata.
      assertThat(web.path("object").path("metadata").path("namespace").asText()).isEqualTo("demo");
      assertThat(web.path("object").path("metadata").path("uid").asText()).isNotEmpty();
    }
  }

  @Test
  void aPodPullingItsImageShowsTheWaitingReasonAndZeroReady() throws Exception {
    AdjustableClock clock = new AdjustableClock();
    KubeCluster cluster =
        new KubeCluster(
                TimeModel.instant(),
                Faults.none().arm(Faults.Rule.always("kube.workload.default/slow", "image-pull")),
                clock)
            .seed("cp-1", InetAddress.getByName("127.0.1.10"));
    try (KubeApiTestClient k = new KubeApiTestClient(cluster)) {
      k.cluster.createMissing(
          CiliumManifests.render(PlatformSpec.defaults()).stream()
              .map(m -> m.json().deepCopy())
              .toList());
      clock.advance(Duration.ofHours(1));
      k.cluster.routes.create(
          new ApiKind("apps", "v1", "Deployment", "deployments", true),
          "default",
          deployment("slow"));

      JsonNode plain = k.get("/api/v1/namespaces/default/pods", "application/json").body();
      JsonNode table =
          k.get("/api/v1/namespaces/default/pods", KubeApiTestClient.KUBECTL_TABLE_ACCEPT).body();

      JsonNode pod = plain.path("items").get(0);
      assertThat(pod.path("status").path("phase").asText()).isEqualTo("Pending");
      assertThat(pod.path("metadata").path("creationTimestamp").asText())
          .isEqualTo("2026-11-22T05:00:00Z");
      List<String> cells = texts(table.path("rows").get(0).path("cells"));
      // A waiting container's reason replaces the phase; READY counts spec.containers.
      assertThat(cells.subList(1, 5)).containsExactly("0/1", "ImagePullBackOff", "0", "0s");
    }
  }

  @Test
  void namespacesAsATableShowTheirPhase() throws Exception {
    AdjustableClock clock = new AdjustableClock();
    try (KubeApiTestClient k = KubeApiTestClient.seeded(clock, "cp-1", "127.0.1.10")) {
      clock.advance(Duration.ofDays(3).plusHours(4));
      k.cluster.routes.create(NAMESPACES, null, namespace("argocd"));
      clock.advance(Duration.ofMinutes(90));

      JsonNode table = k.get("/api/v1/namespaces", KubeApiTestClient.KUBECTL_TABLE_ACCEPT).body();

      assertThat(names(table)).containsExactly("Name", "Status", "Age");
      assertThat(texts(row(table, "argocd").path("cells")))
          .containsExactly("argocd", "Active", "90m");
      assertThat(texts(row(table, "kube-system").path("cells")))
          .containsExactly("kube-system", "Active", "3d5h");
    }
  }

  @Test
  void storagesWithoutAPrinterAnswerNameAndCreatedAt() throws Exception {
    AdjustableClock clock = new AdjustableClock();
    try (KubeApiTestClient k = KubeApiTestClient.seeded(clock, "cp-1", "127.0.1.10")) {
      ObjectNode role = JSON.createObjectNode();
      role.putObject("metadata").put("name", "reader");
      k.cluster.routes.create(
          new ApiKind("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
          null,
          role);
      clock.advance(Duration.ofSeconds(42));

      JsonNode table =
          k.get(
                  "/apis/rbac.authorization.k8s.io/v1/clusterroles",
                  KubeApiTestClient.KUBECTL_TABLE_ACCEPT)
              .body();

      // k8s.io/apiserver pkg/registry/rest/table.go defaultTableConvertor.
      assertThat(names(table)).containsExactly("Name", "Created At");
      assertThat(table.path("columnDefinitions").get(1).path("type").asText()).isEqualTo("date");
      assertThat(texts(row(table, "reader").path("cells")))
          .containsExactly("reader", "2026-11-22T04:00:00Z");
    }
  }

  @Test
  void deploymentsAsATableShowReadyOverDesiredAndTheTemplate() throws Exception {
    AdjustableClock clock = new AdjustableClock();
    try (KubeApiTestClient k = KubeApiTestClient.seeded(clock, "cp-1", "127.0.1.10")) {
      k.cluster.createMissing(
          CiliumManifests.render(PlatformSpec.defaults()).stream()
              .map(m -> m.json().deepCopy())
              .toList());
      clock.advance(Duration.ofHours(1));
      ObjectNode web = deployment("web");
      web.with("spec").putObject("selector").putObject("matchLabels").put("app", "web");
      web.with("spec")
          .with("template")
          .with("spec")
          .putArray("containers")
          .addObject()
          .put("name", "nginx")
          .put("image", "nginx:1.27");
      k.cluster.routes.create(
          new ApiKind("apps", "v1", "Deployment", "deployments", true), "default", web);
      clock.advance(Duration.ofMinutes(4));

      JsonNode live = k.get("/apis/apps/v1/namespaces/default/deployments/web", "*/*").body();
      JsonNode table =
          k.get(
                  "/apis/apps/v1/namespaces/default/deployments",
                  KubeApiTestClient.KUBECTL_TABLE_ACCEPT)
              .body();

      assertThat(names(table))
          .containsExactly(
              "Name",
              "Ready",
              "Up-to-date",
              "Available",
              "Age",
              "Containers",
              "Images",
              "Selector");
      JsonNode cells = row(table, "web").path("cells");
      // printDeployment: ready/desired from status.readyReplicas and spec.replicas (1 if unset).
      assertThat(cells.get(1).asText())
          .isEqualTo(live.path("status").path("readyReplicas").asLong(0) + "/1");
      assertThat(cells.get(2).isIntegralNumber()).isTrue();
      assertThat(texts(cells).subList(4, 8))
          .containsExactly("4m", "nginx", "nginx:1.27", "app=web");
    }
  }

  @Test
  void plainJsonAcceptGetsObjectsAndIncludeObjectChoosesTheRowObject() throws Exception {
    AdjustableClock clock = new AdjustableClock();
    try (KubeApiTestClient k = KubeApiTestClient.seeded(clock, "cp-1", "127.0.1.10")) {
      assertThat(k.get("/api/v1/nodes", "application/json").body().path("kind").asText())
          .isEqualTo("NodeList");
      // Table of v1beta1 when the client asks for that first.
      JsonNode beta =
          k.get("/api/v1/nodes", "application/json;as=Table;v=v1beta1;g=meta.k8s.io").body();
      assertThat(beta.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1beta1");

      JsonNode none =
          k.get("/api/v1/nodes?includeObject=None", KubeApiTestClient.KUBECTL_TABLE_ACCEPT).body();
      assertThat(none.path("rows").get(0).has("object")).isFalse();
      JsonNode whole =
          k.get("/api/v1/nodes?includeObject=Object", KubeApiTestClient.KUBECTL_TABLE_ACCEPT)
              .body();
      assertThat(whole.path("rows").get(0).path("object").path("kind").asText()).isEqualTo("Node");
    }
  }

  @Test
  void humanDurationMatchesApimachinery() {
    // k8s.io/apimachinery pkg/util/duration/duration.go HumanDuration.
    assertThat(TableColumns.humanDuration(Duration.ofSeconds(-1))).isEqualTo("0s");
    assertThat(TableColumns.humanDuration(Duration.ofSeconds(-3))).isEqualTo("<invalid>");
    assertThat(TableColumns.humanDuration(Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(TableColumns.humanDuration(Duration.ofSeconds(125))).isEqualTo("2m5s");
    assertThat(TableColumns.humanDuration(Duration.ofMinutes(3))).isEqualTo("3m");
    assertThat(TableColumns.humanDuration(Duration.ofMinutes(179))).isEqualTo("179m");
    assertThat(TableColumns.humanDuration(Duration.ofMinutes(185))).isEqualTo("3h5m");
    assertThat(TableColumns.humanDuration(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(TableColumns.humanDuration(Duration.ofHours(50))).isEqualTo("2d2h");
    assertThat(TableColumns.humanDuration(Duration.ofDays(30))).isEqualTo("30d");
    assertThat(TableColumns.humanDuration(Duration.ofDays(800))).isEqualTo("2y70d");
    assertThat(TableColumns.age("", java.time.Instant.EPOCH)).isEqualTo("<unknown>");
  }

  static ObjectNode namespace(String name) {
    ObjectNode ns = JSON.createObjectNode();
    ns.put("apiVersion", "v1").put("kind", "Namespace");
    ns.putObject("metadata").put("name", name);
    return ns;
  }

  static ObjectNode deployment(String name) {
    ObjectNode o = JSON.createObjectNode();
    o.put("apiVersion", "apps/v1").put("kind", "Deployment");
    o.putObject("metadata").put("name", name);
    o.putObject("spec")
        .putObject("template")
        .putObject("metadata")
        .putObject("labels")
        .put("app", name);
    return o;
  }

  static List<String> names(JsonNode table) {
    List<String> names = new ArrayList<>();
    table.path("columnDefinitions").forEach(c -> names.add(c.path("name").asText()));
    return names;
  }

  static List<String> texts(JsonNode cells) {
    List<String> out = new ArrayList<>();
    cells.forEach(c -> out.add(c.asText()));
    return out;
  }

  static JsonNode row(JsonNode table, String name) {
    for (JsonNode r : table.path("rows")) {
      if (r.path("cells").get(0).asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no row " + name + " in " + table);
  }
}
