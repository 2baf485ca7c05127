package dev.ironkube.sim.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironkube.platform.KubeConnectionProbe;
import dev.ironkube.platform.TestPki;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API server's {@code Status} answers, byte-level facts from upstream source: k8s.io/
 * apimachinery v0.36.3 {@code pkg/api/errors/errors.go} ({@code NewNotFound}, {@code
 * NewAlreadyExists}, {@code NewConflict}: message names {@code <resource>.<group>}, {@code details}
 * holds name, group and the resource plural as kind; {@code NewInvalid}: {@code <Kind>.<group> ""
 * is invalid: <field>: Required value: …}), {@code pkg/apis/meta/v1/validation/validation.go}
 * ({@code ValidatePatchOptions}: "is required for apply patch"), k8s.io/apiserver v0.36.3 {@code
 * pkg/registry/generic/registry/store.go} ({@code finalizeDelete}: a Success {@code Status} with
 * name, group, resource and uid; {@code OptimisticLockErrorMsg}).
 */
class StatusBodiesTest {
  private static final TestPki CLUSTER = TestPki.create();
  private static final ObjectMapper JSON = new ObjectMapper();

  interface Check {
    void run(KubernetesClient client, URI url) throws Exception;
  }

  private static void withApi(Check check) {
    try (KubeApiFake api =
        new KubeApiFake(
            InetAddress.getLoopbackAddress(),
            0,
            CLUSTER.caCertPem,
            CLUSTER.caKeyPem,
            TimeModel.instant(),
            Faults.none())) {
      String kubeconfig = CLUSTER.kubeconfig(api.url().toString(), "system:masters");
      KubeConnectionProbe.withClient(
          kubeconfig,
          client -> {
            client
                .namespaces()
                .resource(
                    new NamespaceBuilder().withNewMetadata().withName("demo").endMetadata().build())
                .create();
            try {
              check.run(client, URI.create(api.url().toString()));
            } catch (Exception e) {
              throw new AssertionError(e);
            }
            return null;
          });
    }
  }

  private static ConfigMap settings() {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("settings")
        .endMetadata()
        .addToData("a", "1")
        .build();
  }

  private static HttpResponse<String> raw(
      KubernetesClient client, URI base, String method, String path, String type, String body)
      throws Exception {
    HttpRequest request =
        client
            .getHttpClient()
            .newHttpRequestBuilder()
            .uri(base.resolve(path))
            .method(method, type, body)
            .build();
    return client.getHttpClient().sendAsync(request, String.class).get();
  }

  @Test
  void not_found_and_already_exists_name_the_qualified_resource_in_message_and_details() {
    withApi(
        (client, url) -> {
          assertThatThrownBy(
                  () ->
                      client
                          .apps()
                          .deployments()
                          .inNamespace("demo")
                          .withName("web")
                          .patch(PatchContext.of(PatchType.JSON_MERGE), "{}"))
              .isInstanceOfSatisfying(
                  KubernetesClientException.class,
                  e -> {
                    assertThat(e.getStatus().getMessage())
                        .isEqualTo("deployments.apps \"web\" not found");
                    assertThat(e.getStatus().getDetails().getGroup()).isEqualTo("apps");
                    assertThat(e.getStatus().getDetails().getKind()).isEqualTo("deployments");
                    assertThat(e.getStatus().getDetails().getName()).isEqualTo("web");
                  });
          client.configMaps().inNamespace("demo").resource(settings()).create();
          assertThatThrownBy(
                  () -> client.configMaps().inNamespace("demo").resource(settings()).create())
              .isInstanceOfSatisfying(
                  KubernetesClientException.class,
                  e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
                    assertThat(e.getStatus().getMessage())
                        .isEqualTo("configmaps \"settings\" already exists");
                    assertThat(e.getStatus().getDetails().getGroup()).isNull();
                    assertThat(e.getStatus().getDetails().getKind()).isEqualTo("configmaps");
                  });
        });
  }

  @Test
  void a_stale_update_is_the_optimistic_lock_conflict_and_a_nameless_create_is_invalid() {
    withApi(
        (client, url) -> {
          ConfigMap live = client.configMaps().inNamespace("demo").resource(settings()).create();
          client.configMaps().inNamespace("demo").withName("settings").edit(c -> settings());
          live.getData().put("b", "2");
          assertThatThrownBy(() -> client.configMaps().inNamespace("demo").resource(live).update())
              .isInstanceOfSatisfying(
                  KubernetesClientException.class,
                  e ->
                      assertThat(e.getStatus().getMessage())
                          .isEqualTo(
                              "Operation cannot be fulfilled on configmaps \"settings\": the"
                                  + " object has been modified; please apply your changes to the"
                                  + " latest version and try again"));
          HttpResponse<String> nameless =
              raw(
                  client,
                  url,
                  "POST",
                  "/apis/apps/v1/namespaces/demo/deployments",
                  "application/json",
                  JSON.writeValueAsString(new DeploymentBuilder().withNewSpec().endSpec().build()));
          JsonNode status = JSON.readTree(nameless.body());
          assertThat(nameless.code()).isEqualTo(422);
          assertThat(status.get("message").asText())
              .isEqualTo(
                  "Deployment.apps \"\" is invalid: metadata.name: Required value: name or"
                      + " generateName is required");
          assertThat(status.at("/details/causes/0/field").asText()).isEqualTo("metadata.name");
          assertThat(status.at("/details/causes/0/reason").asText())
              .isEqualTo("FieldValueRequired");
        });
  }

  @Test
  void apply_without_field_manager_is_invalid_and_a_delete_answers_a_success_status() {
    withApi(
        (client, url) -> {
          String path = "/api/v1/namespaces/demo/configmaps/settings";
          String body = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n";
          HttpResponse<String> unmanaged =
              raw(client, url, "PATCH", path, "application/apply-patch+yaml", body);
          HttpResponse<String> applied =
              raw(
                  client,
                  url,
                  "PATCH",
                  path + "?fieldManager=ironkube",
                  "application/apply-patch+yaml",
                  body);
          String uid = JSON.readTree(applied.body()).at("/metadata/uid").asText();
          HttpResponse<String> forced =
              raw(
                  client,
                  url,
                  "PATCH",
                  path + "?force=true",
                  "application/merge-patch+json",
                  "{\"data\":{\"c\":\"3\"}}");
          List<StatusDetails> deleted =
              client.configMaps().inNamespace("demo").withName("settings").delete();
          HttpResponse<String> again = raw(client, url, "DELETE", path, "application/json", "{}");

          assertThat(unmanaged.code()).isEqualTo(422);
          assertThat(JSON.readTree(unmanaged.body()).get("message").asText())
              .isEqualTo(
                  "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is"
                      + " required for apply patch");
          assertThat(applied.code()).isEqualTo(201);
          assertThat(forced.code()).isEqualTo(422);
          assertThat(JSON.readTree(forced.body()).at("/details/causes/0/field").asText())
              .isEqualTo("force");
          assertThat(deleted)
              .singleElement()
              .satisfies(
                  d -> {
                    assertThat(d.getKind()).isEqualTo("configmaps");
                    assertThat(d.getName()).isEqualTo("settings");
                    assertThat(d.getUid()).isEqualTo(uid);
                  });
          assertThat(again.code()).isEqualTo(404);
        });
  }
}
