package dev.ironkube.talos.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.talos.testing.Contracts;
import dev.ironkube.talos.testing.TestBundles;
import dev.ironkube.talos.yaml.TalosYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsBundleTest {

  @Test
  void generatedValuesHaveUpstreamShapes() {
    SecretsBundle bundle = TestBundles.generated();
    assertThat(bundle.bootstrapToken()).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
    assertThat(bundle.trustdToken()).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
    assertThat(bundle.bootstrapToken()).isNotEqualTo(bundle.trustdToken());
    assertThat(bundle.clusterId()).matches("[A-Za-z0-9_-]{43}=");
    assertThat(Base64.getUrlDecoder().decode(bundle.clusterId())).hasSize(32);
    assertThat(Base64.getDecoder().decode(bundle.clusterSecret())).hasSize(32);
    assertThat(Base64.getDecoder().decode(bundle.secretboxEncryptionSecret())).hasSize(32);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gen-secrets-secrets.yaml", "stability-secrets.yaml"})
  void upstreamBundlesSurviveReadAndWriteUnchanged(String file) {
    String upstream = Contracts.read("samples/generated/" + file);
    String rewritten = SecretsBundle.fromYaml(upstream).toYaml();
    assertThat(TalosYaml.readDocuments(rewritten)).isEqualTo(TalosYaml.readDocuments(upstream));
  }

  @Test
  void generatedBundleHasTheUpstreamLayoutAndRoundTrips() {
    SecretsBundle bundle = TestBundles.generated();
    String yaml = bundle.toYaml();
    var upstream =
        TalosYaml.readDocuments(Contracts.read("samples/generated/gen-secrets-secrets.yaml"))
            .get(0);
    var ours = TalosYaml.readDocuments(yaml).get(0);
    assertThat(KeyPaths.of(ours)).isEqualTo(KeyPaths.of(upstream));
    assertThat(SecretsBundle.fromYaml(yaml).toYaml()).isEqualTo(yaml);
    assertThat(yaml).contains(TalosPem.base64("-----BEGIN RSA PRIVATE KEY-----").substring(0, 30));
  }

  @Test
  void writeCreatesAnOwnerOnlyFileAtomically(@TempDir Path dir) throws Exception {
    SecretsBundle bundle = TestBundles.fixed();
    Path file = dir.resolve("state/secrets.yaml");
    bundle.write(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(SecretsBundle.read(file).toYaml()).isEqualTo(bundle.toYaml());

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    bundle.write(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing).containsExactly(file);
    }
  }

  @Test
  void toStringShowsNoSecrets() {
    SecretsBundle bundle = TestBundles.fixed();
    String text = bundle.toString() + bundle.os() + bundle.kubernetes();
    assertThat(text)
        .doesNotContain(bundle.clusterSecret())
        .doesNotContain(bundle.bootstrapToken())
        .doesNotContain(bundle.trustdToken())
        .doesNotContain(bundle.secretboxEncryptionSecret())
        .doesNotContain("PRIVATE")
        .doesNotContain(
            Base64.getEncoder()
                .encodeToString(bundle.os().requireKey().getEncoded())
                .substring(0, 20))
        .contains("<redacted>");
  }

  @Test
  void rejectsBrokenBundlesNamingTheField() {
    String yaml =
        TestBundles.fixed().toYaml().replaceFirst("bootstraptoken: \\S+", "bootstraptoken: nope");
    assertThatThrownBy(() -> SecretsBundle.fromYaml(yaml)).hasMessageContaining("bootstrap token");
    String missing = TestBundles.fixed().toYaml().replaceFirst("(?m)^trustdinfo:\\n.*\\n", "");
    assertThatThrownBy(() -> SecretsBundle.fromYaml(missing))
        .hasMessageContaining("trustdinfo.token");
  }
}
