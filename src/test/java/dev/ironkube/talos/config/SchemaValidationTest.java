package dev.ironkube.talos.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ironkube.talos.testing.Contracts;
import dev.ironkube.talos.testing.TestBundles;
import dev.ironkube.talos.yaml.TalosYaml;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every document ironkube renders validates against the upstream JSON schema of its Talos release
 * (draft 2020-12, oneOf over all document kinds, additionalProperties false), one document at a
 * time as the schema expects.
 */
class SchemaValidationTest {
  private static final Map<TalosVersion, Schema> SCHEMAS = new EnumMap<>(TalosVersion.class);

  @BeforeAll
  static void loadSchemas() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    for (TalosVersion version : TalosVersion.values()) {
      String json = Contracts.read("schemas/config.schema." + version.contract() + ".json");
      assertThat(json).contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");
      SCHEMAS.put(version, registry.getSchema(json));
    }
  }

  static Stream<Arguments> renderings() {
    List<Arguments> out = new ArrayList<>();
    for (TalosVersion version : TalosVersion.values()) {
      for (NodeRole role : NodeRole.values()) {
        for (boolean allows : new boolean[] {true, false}) {
          out.add(Arguments.of(version, role, allows));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} operatorAllows={2}")
  @MethodSource("renderings")
  void everyRenderedDocumentValidates(TalosVersion version, NodeRole role, boolean allows) {
    String yaml =
        new MachineConfigGenerator(TestBundles.fixed()).render(version, Inputs.of(role, allows));
    List<JsonNode> documents = TalosYaml.readDocuments(yaml);
    assertThat(documents).hasSizeGreaterThanOrEqualTo(4);
    for (JsonNode document : documents) {
      // 1.14 gets the 1.13 contract (TalosVersion.configContract), so the 1.13 schema applies.
      List<Error> errors = SCHEMAS.get(version.configContract()).validate(document);
      assertThat(errors)
          .as("%s %s: %s", version.contract(), document.path("kind").asText("v1alpha1"), document)
          .isEmpty();
    }
  }

  /** The registry mirror a plain-HTTP Image Factory needs is valid in each release's form. */
  @ParameterizedTest
  @EnumSource(TalosVersion.class)
  void plainHttpFactoryMirrorValidates(TalosVersion version) {
    MachineConfigInput input =
        Inputs.builder(NodeRole.WORKER, true)
            .installerImage("http://127.0.0.1:8088/metal-installer/abc:v1.14.6")
            .build();
    String yaml = new MachineConfigGenerator(TestBundles.fixed()).render(version, input);
    for (JsonNode document : TalosYaml.readDocuments(yaml)) {
      assertThat(SCHEMAS.get(version.configContract()).validate(document))
          .as("%s %s", version.contract(), document.path("kind").asText("v1alpha1"))
          .isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(TalosVersion.class)
  void hostnameDocumentMatchesTheRelease(TalosVersion version) {
    String yaml =
        new MachineConfigGenerator(TestBundles.fixed())
            .render(version, Inputs.of(NodeRole.CONTROLPLANE, true));
    boolean hasHostnameConfig = yaml.contains("kind: HostnameConfig");
    assertThat(hasHostnameConfig).isEqualTo(version != TalosVersion.V1_11);
    if (version == TalosVersion.V1_11) {
      // 1.11 has no HostnameConfig kind; its decoder would reject the document.
      assertThat(
              TalosYaml.readDocuments(yaml)
                  .get(0)
                  .path("machine")
                  .path("network")
                  .path("hostname")
                  .asText())
          .isEqualTo("cp-1");
    }
  }

  /**
   * The multi-documents ironkube writes for a 1.14 node are valid 1.14 documents too. Its v1alpha1
   * document is not: the 1.14 schema (v1.14.0-rc.1) drops machine.install, machine.kubelet and
   * nearly all of cluster.* in favour of KubeClusterConfig, UnattendedInstallConfig and friends,
   * which ironkube does not render yet. The 1.14 decoder still reads those deprecated fields.
   */
  @ParameterizedTest
  @EnumSource(NodeRole.class)
  void everyMultiDocumentValidatesAgainstTheV114Schema(NodeRole role) {
    String yaml =
        new MachineConfigGenerator(TestBundles.fixed())
            .render(TalosVersion.V1_14, Inputs.of(role, true));
    List<JsonNode> documents = TalosYaml.readDocuments(yaml);
    for (JsonNode document : documents.subList(1, documents.size())) {
      assertThat(SCHEMAS.get(TalosVersion.V1_14).validate(document))
          .as("%s: %s", document.path("kind").asText(), document)
          .isEmpty();
    }
    assertThat(SCHEMAS.get(TalosVersion.V1_14).validate(documents.get(0)))
        .as("the legacy document's deprecated sections are outside the 1.14 schema")
        .isNotEmpty();
  }

  /**
   * The validator agrees with upstream's own lint (SOURCES.md): generator samples pass once the
   * deprecated keys the schema omits (persist, and extraKernelArgs on 1.12+) are removed.
   */
  @ParameterizedTest
  @EnumSource(value = TalosVersion.class, names = "V1_14", mode = EnumSource.Mode.EXCLUDE)
  void upstreamSamplesValidateOnceDeprecatedKeysAreRemoved(TalosVersion version) {
    for (String variant :
        new String[] {"base-controlplane", "base-worker", "overrides-controlplane"}) {
      String yaml =
          Contracts.read("samples/generated/" + version.contract() + "-" + variant + ".yaml");
      for (JsonNode document : TalosYaml.readDocuments(yaml)) {
        if (document.has("persist")) {
          assertThat(SCHEMAS.get(version).validate(document)).isNotEmpty();
          ((ObjectNode) document).remove("persist");
        }
        if (version != TalosVersion.V1_11
            && document.path("machine").path("install") instanceof ObjectNode install) {
          install.remove("extraKernelArgs");
        }
        assertThat(SCHEMAS.get(version).validate(document)).as(variant).isEmpty();
      }
    }
  }
}
