package dev.ironkube.talos.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.talos.pki.SecretsBundle;
import dev.ironkube.talos.pki.TalosPem;
import dev.ironkube.talos.testing.TestBundles;
import dev.ironkube.talos.yaml.TalosYaml;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MachineConfigGeneratorTest {
  private final SecretsBundle secrets = TestBundles.fixed();
  private final MachineConfigGenerator generator = new MachineConfigGenerator(secrets);

  @Test
  void controlPlaneEmbedsEverySecretAsUpstreamDoes() {
    JsonNode config = v1alpha1(TalosVersion.V1_13, NodeRole.CONTROLPLANE);
    assertThat(config.at("/machine/token").asText()).isEqualTo(secrets.trustdToken());
    assertThat(config.at("/machine/ca/key").asText())
        .isEqualTo(TalosPem.base64(secrets.os().keyPem()));
    assertThat(config.at("/cluster/token").asText()).isEqualTo(secrets.bootstrapToken());
    assertThat(config.at("/cluster/secretboxEncryptionSecret").asText())
        .isEqualTo(secrets.secretboxEncryptionSecret());
    assertThat(config.at("/cluster/serviceAccount/key").asText())
        .isEqualTo(TalosPem.base64(TalosPem.privateKey(secrets.serviceAccountKey())));
    assertThat(config.at("/cluster/etcd/ca/crt").asText())
        .isEqualTo(TalosPem.base64(secrets.etcd().certificatePem()));
    assertThat(config.at("/cluster/network/cni/name").asText()).isEqualTo("none");
    assertThat(config.at("/cluster/proxy/disabled").asBoolean()).isTrue();
    assertThat(config.at("/cluster/allowSchedulingOnControlPlanes").asBoolean()).isTrue();
    assertThat(config.at("/cluster/inlineManifests/0/contents").asText())
        .contains("kind: Namespace");
    assertThat(config.at("/machine/kubelet/image").asText())
        .isEqualTo("ghcr.io/siderolabs/kubelet:v1.36.3");
  }

  @Test
  void workersCarryNoCaKeysOrControlPlaneSecrets() {
    JsonNode config = v1alpha1(TalosVersion.V1_11, NodeRole.WORKER);
    assertThat(config.at("/machine/type").asText()).isEqualTo("worker");
    assertThat(config.at("/machine/ca/key").asText()).isEmpty();
    assertThat(config.at("/cluster/ca/key").asText()).isEmpty();
    for (String absent :
        List.of(
            "secretboxEncryptionSecret",
            "aggregatorCA",
            "serviceAccount",
            "etcd",
            "apiServer",
            "inlineManifests")) {
      assertThat(config.path("cluster").has(absent)).as(absent).isFalse();
    }
  }

  @Test
  void versionDecidesFieldSetAndKubernetesDefault() {
    JsonNode v111 = v1alpha1(TalosVersion.V1_11, NodeRole.CONTROLPLANE);
    assertThat(v111.at("/machine/features/rbac").asBoolean()).isTrue();
    assertThat(v111.at("/machine/features/apidCheckExtKeyUsage").asBoolean()).isTrue();
    assertThat(v111.at("/cluster/apiServer/disablePodSecurityPolicy").asBoolean()).isTrue();
    assertThat(v111.at("/machine/install").has("grubUseUKICmdline")).isFalse();
    assertThat(v111.at("/cluster/apiServer/image").asText()).endsWith(":v1.34.1");

    JsonNode v112 = v1alpha1(TalosVersion.V1_12, NodeRole.CONTROLPLANE);
    assertThat(v112.at("/machine/features").has("rbac")).isFalse();
    assertThat(v112.path("machine").has("network")).isFalse();
    assertThat(v112.at("/machine/install/grubUseUKICmdline").asBoolean()).isTrue();
    assertThat(v112.at("/cluster/apiServer/image").asText()).endsWith(":v1.35.4");
  }

  @Test
  void explicitKubernetesVersionWins() {
    MachineConfigInput input = withBuilder().kubernetesVersion("v1.33.6").build();
    JsonNode config = TalosYaml.readDocuments(generator.render(TalosVersion.V1_11, input)).get(0);
    assertThat(config.at("/cluster/scheduler/image").asText())
        .isEqualTo("registry.k8s.io/kube-scheduler:v1.33.6");
  }

  @Test
  void redactedRenderingHidesEverySecret() {
    String redacted =
        generator.renderRedacted(TalosVersion.V1_12, Inputs.of(NodeRole.CONTROLPLANE, true));
    for (String secret :
        List.of(
            secrets.trustdToken(),
            secrets.bootstrapToken(),
            secrets.clusterSecret(),
            secrets.secretboxEncryptionSecret(),
            TalosPem.base64(secrets.os().keyPem()),
            TalosPem.base64(secrets.kubernetes().keyPem()),
            TalosPem.base64(secrets.kubernetesAggregator().keyPem()),
            TalosPem.base64(secrets.etcd().keyPem()),
            TalosPem.base64(TalosPem.privateKey(secrets.serviceAccountKey())),
            "kind: Namespace")) {
      assertThat(redacted).doesNotContain(secret);
    }
    assertThat(redacted)
        .contains("<redacted>")
        .contains(TalosPem.base64(secrets.os().certificatePem()));
  }

  /**
   * A plain-HTTP Image Factory override: machine.install.image is a bare reference (an image
   * reference has no scheme) and the registry gets a mirror with an http:// endpoint, because Talos
   * pulls a registry without a mirror over HTTPS only (talos v1.13.9
   * internal/pkg/containers/image/resolver.go, RegistryEndpointEntriesFromConfig). 1.11 spells the
   * mirror in machine.registries; 1.12 removed that in favour of RegistryMirrorConfig.
   */
  @ParameterizedTest
  @EnumSource(TalosVersion.class)
  void plainHttpFactoryGetsAnHttpMirrorForItsRegistry(TalosVersion version) {
    MachineConfigInput input =
        Inputs.builder(NodeRole.CONTROLPLANE, true)
            .installerImage("http://127.0.0.1:8088/metal-installer/abc:v1.14.6")
            .build();
    var documents =
        TalosYaml.readDocuments(
            new MachineConfigGenerator(TestBundles.fixed()).render(version, input));
    var machine = documents.get(0).path("machine");
    assertThat(machine.path("install").path("image").asText())
        .isEqualTo("127.0.0.1:8088/metal-installer/abc:v1.14.6");
    if (version == TalosVersion.V1_11) {
      assertThat(
              machine
                  .path("registries")
                  .path("mirrors")
                  .path("127.0.0.1:8088")
                  .path("endpoints")
                  .get(0)
                  .asText())
          .isEqualTo("http://127.0.0.1:8088");
    } else {
      assertThat(machine.has("registries")).isFalse();
      var mirror =
          documents.stream()
              .filter(d -> d.path("kind").asText().equals("RegistryMirrorConfig"))
              .findFirst()
              .orElseThrow();
      assertThat(mirror.path("name").asText()).isEqualTo("127.0.0.1:8088");
      assertThat(mirror.path("endpoints").get(0).path("url").asText())
          .isEqualTo("http://127.0.0.1:8088");
    }
  }

  @Test
  void anHttpsFactoryNeedsNoMirror() {
    String yaml =
        new MachineConfigGenerator(TestBundles.fixed())
            .render(TalosVersion.V1_14, Inputs.of(NodeRole.CONTROLPLANE, true));
    assertThat(yaml).doesNotContain("RegistryMirrorConfig");
    assertThat(TalosYaml.readDocuments(yaml).get(0).path("machine").has("registries")).isFalse();
  }

  @Test
  void unsupportedVersionNamesItAndListsSupportedOnes() {
    assertThatThrownBy(() -> TalosVersion.parse("v1.10.9"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("v1.10.9")
        .satisfies(
            e ->
                assertThat(((UserInputException) e).hint()).contains("v1.11, v1.12, v1.13, v1.14"));
    assertThat(TalosVersion.parse("v1.11.6")).isEqualTo(TalosVersion.V1_11);
    assertThat(TalosVersion.parse("1.13")).isEqualTo(TalosVersion.V1_13);
    assertThat(TalosVersion.parse("v1.12.0-beta.1")).isEqualTo(TalosVersion.V1_12);
    assertThat(TalosVersion.parse("v1.14.6")).isEqualTo(TalosVersion.V1_14);
    assertThat(TalosVersion.supported()).containsExactly("v1.11", "v1.12", "v1.13", "v1.14");
  }

  @Test
  void invalidInputReportsEveryProblemWithItsField() {
    MachineConfigInput input =
        MachineConfigInput.builder()
            .clusterName("Bad Name")
            .endpoint("https://203.0.113.10")
            .installDisk("sda")
            .certSans(List.of("not a name"))
            .firewall(FirewallPolicy.bootstrap(List.of("1.2.3.4/40"), List.of()))
            .build();
    assertThatThrownBy(() -> generator.render(TalosVersion.V1_11, input))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("clusterName")
        .hasMessageContaining("endpoint")
        .hasMessageContaining("installDisk")
        .hasMessageContaining("installerImage")
        .hasMessageContaining("certSans[0]")
        .hasMessageContaining("firewall.operatorCidrs[0]");
  }

  private MachineConfigInput.Builder withBuilder() {
    return MachineConfigInput.builder()
        .clusterName("demo")
        .endpoint("https://k8s.example.com:6443")
        .installDisk("/dev/nvme0n1")
        .installerImage("ghcr.io/siderolabs/installer:v1.11.6");
  }

  private JsonNode v1alpha1(TalosVersion version, NodeRole role) {
    return TalosYaml.readDocuments(generator.render(version, Inputs.of(role, true))).get(0);
  }
}
