package dev.ironkube.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.settings.Secret;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsLoader;
import dev.ironkube.settings.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** file < environment < flags, and the secret store only fills what all three left missing. */
class SecretBackfillTest {

  /** A store answering fixed values; stands in for Infisical. */
  record FixedSource(Map<String, String> values) implements SecretSource {
    @Override
    public String describe() {
      return "fixed";
    }

    @Override
    public Map<String, String> fetch() {
      return values;
    }
  }

  @Test
  void the_store_fills_only_what_file_env_and_flags_left_missing(@TempDir Path home)
      throws Exception {
    Path file = home.resolve("cluster.yaml");
    Files.writeString(
        file,
        """
        apiVersion: ironkube.dev/v1alpha1
        kind: Cluster
        metadata:
          name: demo
        spec:
          plan: plan-from-file
          region: region-from-file
        """);
    Settings layered =
        SettingsLoader.load(
                file,
                home,
                Map.of("IRONKUBE_REGION", "region-from-env", "LATITUDE_API_KEY", "key-from-env"),
                Map.of("spec.talos.version", "v1.12.0"))
            .settings();

    Settings filled =
        SecretBackfill.apply(
            layered,
            new FixedSource(
                Map.of(
                    "SCALEWAY_OFFER_ID", "plan-from-infisical",
                    "LATITUDE_API_KEY", "key-from-infisical",
                    "TALOS_VERSION", "v9.9.9",
                    "KUBERNETES_VERSION", "1.34.1",
                    "CLOUDFLARE_ZONE_ID", "zone-from-infisical",
                    "CLOUDFLARE_API_TOKEN", "cf-token-from-infisical")),
            SecretMapping.standard());

    assertThat(filled.get("spec.plan")).contains("plan-from-file");
    assertThat(filled.source("spec.plan")).contains(Source.FILE);
    assertThat(filled.get("spec.region")).contains("region-from-env");
    assertThat(filled.source("spec.region")).contains(Source.ENVIRONMENT);
    assertThat(filled.secret("secrets.latitude.apiKey")).contains(Secret.of("key-from-env"));
    assertThat(filled.get("spec.talos.version")).contains("v1.12.0");
    assertThat(filled.source("spec.talos.version")).contains(Source.FLAG);
    assertThat(filled.get("spec.kubernetes.version")).contains("1.34.1");
    assertThat(filled.source("spec.kubernetes.version")).contains(Source.SECRET_STORE);
    assertThat(filled.get("spec.dns.zoneId")).contains("zone-from-infisical");
    assertThat(filled.source("spec.dns.zoneId")).contains(Source.SECRET_STORE);
    assertThat(filled.secret("secrets.cloudflare.apiToken"))
        .contains(Secret.of("cf-token-from-infisical"));
  }

  @Test
  void a_catalogue_default_counts_as_missing() {
    Settings filled =
        SecretBackfill.apply(
            Settings.defaults(),
            new FixedSource(Map.of("TALOS_VERSION", "v1.12.1")),
            SecretMapping.standard());

    assertThat(filled.get("spec.talos.version")).contains("v1.12.1");
    assertThat(filled.source("spec.talos.version")).contains(Source.SECRET_STORE);
  }
}
