package dev.ironkube.talos.kubeconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.talos.pki.CertAndKey;
import dev.ironkube.talos.pki.SecretsBundle;
import dev.ironkube.talos.pki.TalosPem;
import dev.ironkube.talos.testing.TestBundles;
import dev.ironkube.talos.yaml.TalosYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminKubeconfigTest {
  private final SecretsBundle bundle = TestBundles.fixed();
  private final CertAndKey admin = TestBundles.issuer().kubernetesAdmin(bundle.kubernetes());
  private final AdminKubeconfig kubeconfig =
      AdminKubeconfig.of("demo", "https://203.0.113.10:6443", bundle.kubernetes(), admin);

  @Test
  void matchesWhatTalosKubeconfigApiReturns() {
    JsonNode root = TalosYaml.readDocuments(kubeconfig.toYaml()).get(0);
    assertThat(root.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(root.path("kind").asText()).isEqualTo("Config");
    assertThat(root.path("current-context").asText()).isEqualTo("admin@demo");
    JsonNode cluster = root.path("clusters").get(0);
    assertThat(cluster.path("name").asText()).isEqualTo("demo");
    assertThat(cluster.at("/cluster/server").asText()).isEqualTo("https://203.0.113.10:6443");
    assertThat(
            TalosPem.fromBase64(cluster.at("/cluster/certificate-authority-data").asText(), "ca"))
        .isEqualTo(bundle.kubernetes().certificatePem());
    JsonNode user = root.path("users").get(0);
    assertThat(user.path("name").asText()).isEqualTo("admin@demo");
    assertThat(TalosPem.fromBase64(user.at("/user/client-certificate-data").asText(), "crt"))
        .isEqualTo(admin.certificatePem());
    assertThat(TalosPem.fromBase64(user.at("/user/client-key-data").asText(), "key"))
        .startsWith("-----BEGIN EC PRIVATE KEY-----");
    JsonNode context = root.path("contexts").get(0);
    assertThat(context.at("/context/cluster").asText()).isEqualTo("demo");
    assertThat(context.at("/context/user").asText()).isEqualTo("admin@demo");
    assertThat(context.at("/context/namespace").asText()).isEqualTo("default");
  }

  @Test
  void writesOwnerOnly(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("kubeconfig");
    kubeconfig.write(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(kubeconfig.toString()).doesNotContain("PRIVATE").contains("<redacted>");
  }
}
