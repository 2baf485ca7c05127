package dev.ironkube.talos.talosconfig;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TalosconfigTest {
  private final SecretsBundle bundle = TestBundles.fixed();
  private final CertAndKey admin = TestBundles.issuer().talosAdmin(bundle.os());
  private final Talosconfig config =
      Talosconfig.of("demo", List.of("203.0.113.10"), List.of("203.0.113.10"), bundle.os(), admin);

  @Test
  void hasTheLayoutTalosctlReads() {
    JsonNode root = TalosYaml.readDocuments(config.toYaml()).get(0);
    assertThat(root.path("context").asText()).isEqualTo("demo");
    JsonNode context = root.path("contexts").path("demo");
    assertThat(context.path("endpoints").get(0).asText()).isEqualTo("203.0.113.10");
    assertThat(context.path("nodes").get(0).asText()).isEqualTo("203.0.113.10");
    assertThat(TalosPem.fromBase64(context.path("ca").asText(), "ca"))
        .isEqualTo(bundle.os().certificatePem());
    assertThat(TalosPem.fromBase64(context.path("crt").asText(), "crt"))
        .isEqualTo(admin.certificatePem());
    assertThat(TalosPem.fromBase64(context.path("key").asText(), "key"))
        .startsWith("-----BEGIN ED25519 PRIVATE KEY-----");
  }

  @Test
  void writesOwnerOnlyAndReadsBack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("talosconfig");
    config.write(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    Talosconfig read = Talosconfig.read(file);
    assertThat(read).isEqualTo(config);
    assertThat(read.keyPkcs8Pem()).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void toStringHidesTheKey() {
    assertThat(config.toString())
        .doesNotContain("PRIVATE")
        .doesNotContain(config.keyPem())
        .contains("<redacted>");
  }
}
