package dev.ironkube.access.teleport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeAgentManifestsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final JoinToken token =
      new JoinToken(
          "0123456789abcdef0123456789abcdef",
          List.of("Kube"),
          Instant.parse("2026-11-22T04:30:00Z"));

  @Test
  void theTokenGoesOnlyIntoTheSecretTheChartMounts() throws Exception {
    Map<String, String> files =
        KubeAgentManifests.manifests(token, "prod-1", "teleport.example.com:443", "18.2.0");

    assertThat(files.keySet())
        .containsExactly(
            "00-namespace.yaml", "10-join-token-secret.yaml", "20-argocd-application.yaml");
    JsonNode secret = YAML.readTree(files.get("10-join-token-secret.yaml"));
    assertThat(secret.at("/metadata/name").asText()).isEqualTo("teleport-kube-agent-join-token");
    assertThat(secret.at("/metadata/namespace").asText()).isEqualTo("teleport-agent");
    assertThat(secret.at("/stringData/auth-token").asText()).isEqualTo(token.secret());

    JsonNode app = YAML.readTree(files.get("20-argocd-application.yaml"));
    JsonNode values = app.at("/spec/source/helm/valuesObject");
    assertThat(app.at("/spec/source/chart").asText()).isEqualTo("teleport-kube-agent");
    assertThat(app.at("/spec/source/targetRevision").asText()).isEqualTo("18.2.0");
    assertThat(values.at("/kubeClusterName").asText()).isEqualTo("prod-1");
    assertThat(values.at("/proxyAddr").asText()).isEqualTo("teleport.example.com:443");
    assertThat(values.at("/roles").asText()).isEqualTo("kube");
    assertThat(values.at("/joinParams/method").asText()).isEqualTo("token");
    assertThat(values.at("/joinParams/tokenName").asText()).isEmpty();
    assertThat(values.at("/joinTokenSecret/create").asBoolean(true)).isFalse();
    assertThat(files.get("20-argocd-application.yaml")).doesNotContain(token.secret());
    assertThat(files.toString()).doesNotContain(token.secret());
  }
}
