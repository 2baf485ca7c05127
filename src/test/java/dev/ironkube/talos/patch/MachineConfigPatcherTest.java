package dev.ironkube.talos.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.settings.ConfigPatches;
import dev.ironkube.settings.Problem;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.settings.Source;
import dev.ironkube.talos.config.FirewallPolicy;
import dev.ironkube.talos.config.MachineConfigGenerator;
import dev.ironkube.talos.config.MachineConfigInput;
import dev.ironkube.talos.config.NodeRole;
import dev.ironkube.talos.config.TalosVersion;
import dev.ironkube.talos.patch.MachineConfigPatcher.NodeKey;
import dev.ironkube.talos.testing.Contracts;
import dev.ironkube.talos.testing.TestBundles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Patches as talosctl's --config-patch applies them (siderolabs/talos v1.13.9
 * pkg/machinery/config/configpatcher and pkg/machinery/config/merge), on configs ironkube renders,
 * checked against the release's published schema (contracts/talos/schemas).
 */
class MachineConfigPatcherTest {
  private static final ConfigSchema SCHEMA =
      new ConfigSchema(Contracts.read("schemas/config.schema.v1.13.json"));
  private static final NodeKey WORKER = NodeKey.of("demo", "demo-workers-1", false);
  private static final NodeKey CP = NodeKey.of("demo", "demo-cp-1", true);

  @Test
  void strategicMergeAddsMapsAppendsListsAndReplacesSubnets() {
    String out =
        patched(
            WORKER,
            """
            - patch:
                machine:
                  sysctls: {vm.max_map_count: "262144"}
                  certSANs: [extra.example.com]
                  kubelet:
                    extraArgs: {max-pods: "150"}
                cluster:
                  network:
                    podSubnets: [10.200.0.0/16]
            """);
    JsonNode v1 = v1alpha1(out);
    assertThat(v1.at("/machine/sysctls/vm.max_map_count").asText()).isEqualTo("262144");
    // lists append (merge.go, reflect.Slice), the rendered SANs stay
    assertThat(v1.at("/machine/certSANs").toString()).contains("203.0.113.10", "extra.example.com");
    // podSubnets carries merge:"replace" (v1alpha1_types.go ClusterNetworkConfig)
    assertThat(v1.at("/cluster/network/podSubnets").toString()).isEqualTo("[\"10.200.0.0/16\"]");
    assertThat(v1.at("/machine/kubelet/extraArgs/max-pods").asText()).isEqualTo("150");
    // documents the patch does not name are untouched
    assertThat(out).contains("NetworkRuleConfig");
  }

  /** machine.network is deprecated from 1.12 on and left out of those schemas: a 1.11 config. */
  @Test
  void interfacesMergeByName() {
    String out =
        patched(
            TalosVersion.V1_11,
            WORKER,
            """
            - patch:
                machine:
                  network:
                    interfaces:
                      - {interface: eth0, mtu: 1500}
            - patch:
                machine:
                  network:
                    interfaces:
                      - {interface: eth0, mtu: 9000, dhcp: true}
                      - {interface: eth1, dhcp: true}
            """);
    JsonNode interfaces = v1alpha1(out).at("/machine/network/interfaces");
    assertThat(interfaces).hasSize(2);
    assertThat(interfaces.get(0).get("mtu").asInt()).isEqualTo(9000);
    assertThat(interfaces.get(0).get("dhcp").asBoolean()).isTrue();
  }

  @Test
  void patchDeleteRemovesAKeyAndADocument() {
    String out =
        patched(
            WORKER,
            """
            - patch: |
                machine:
                  features:
                    $patch: delete
                ---
                apiVersion: v1alpha1
                kind: NetworkDefaultActionConfig
                $patch: delete
            """);
    assertThat(v1alpha1(out).at("/machine/features").isMissingNode()).isTrue();
    assertThat(out).doesNotContain("NetworkDefaultActionConfig");
  }

  @Test
  void jsonPatchAddsReplacesAndRemoves() {
    String out =
        patched(
            CP,
            """
            - target: controlplanes
              patch:
                - {op: add, path: /machine/nodeLabels, value: {tier: core}}
                - {op: replace, path: /cluster/clusterName, value: demo}
                - {op: add, path: /machine/certSANs/-, value: last.example.com}
                - {op: remove, path: /machine/certSANs/0}
            """);
    JsonNode v1 = v1alpha1(out);
    assertThat(v1.at("/machine/nodeLabels/tier").asText()).isEqualTo("core");
    assertThat(v1.at("/machine/certSANs").toString())
        .doesNotContain("203.0.113.10")
        .contains("last.example.com");
  }

  @Test
  void targetsPickTheirNodes() {
    String doc =
        """
        - {target: workers, patch: {machine: {nodeLabels: {a: w}}}}
        - {target: pool/cp, patch: {machine: {nodeLabels: {b: cp}}}}
        - {target: node/demo-workers-2, patch: {machine: {nodeLabels: {c: two}}}}
        """;
    assertThat(v1alpha1(patched(WORKER, doc)).at("/machine/nodeLabels").toString())
        .isEqualTo("{\"a\":\"w\"}");
    assertThat(v1alpha1(patched(CP, doc)).at("/machine/nodeLabels").toString())
        .isEqualTo("{\"b\":\"cp\"}");
  }

  /**
   * Talos 1.14 leaves machine.sysctls out of its schema (docgen:nodoc, "Deprecated: Use
   * 'SysctlConfig' instead", v1.14.0-rc.1 v1alpha1_types.go) yet decodes it: a patch setting it
   * passes with a warning, while a misspelt field still fails.
   */
  @Test
  void aDeprecatedFieldTheReleaseStillReadsWarnsAndATypoStillFails() {
    ConfigSchema v14 = new ConfigSchema(Contracts.read("schemas/config.schema.v1.14.json"));
    ConfigSchema v11 = new ConfigSchema(Contracts.read("schemas/config.schema.v1.11.json"));
    SchemaSource source =
        new SchemaSource() {
          @Override
          public ConfigSchema of(String tag) {
            return v14;
          }

          @Override
          public Optional<ConfigSchema> documentedBefore(String tag) {
            return java.util.Optional.of(v11);
          }
        };
    List<String> warnings = new ArrayList<>();
    Settings ok = settings("- patch: {machine: {sysctls: {vm.max_map_count: \"262144\"}}}\n");
    String out =
        new MachineConfigPatcher(ConfigPatches.of(ok), source, warnings::add)
            .apply(render(TalosVersion.V1_14, NodeRole.WORKER), "v1.14.6", WORKER);
    assertThat(v1alpha1(out).at("/machine/sysctls/vm.max_map_count").asText()).isEqualTo("262144");
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("spec.talos.patches[0]", "/machine/sysctls", "v1.14.6 deprecates");

    Settings typo = settings("- patch: {machine: {sysctlz: {a: b}}}\n");
    assertThatThrownBy(
            () ->
                new MachineConfigPatcher(ConfigPatches.of(typo), source, w -> {})
                    .apply(render(TalosVersion.V1_14, NodeRole.WORKER), "v1.14.6", WORKER))
        .hasMessageContaining("unknown field 'sysctlz'");
    // a typo inside a deprecated section: the older schema, which documents it, judges
    Settings inner = settings("- patch: {machine: {kubelet: {extraArgz: {a: b}}}}\n");
    assertThatThrownBy(
            () ->
                new MachineConfigPatcher(ConfigPatches.of(inner), source, w -> {})
                    .apply(render(TalosVersion.V1_14, NodeRole.WORKER), "v1.14.6", WORKER))
        .hasMessageContaining("/machine/kubelet: unknown field 'extraArgz'");
  }

  @Test
  void noPatchKeepsTheBytesAndAnEmptyFingerprint() {
    MachineConfigPatcher patcher = new MachineConfigPatcher(List.of(), t -> SCHEMA, w -> {});
    String config = render(NodeRole.WORKER);
    assertThat(patcher.apply(config, "v1.13.9", WORKER)).isSameAs(config);
    assertThat(patcher.fingerprint(WORKER)).isEmpty();
  }

  @Test
  void aPatchTheSchemaRefusesNamesThePatchTheNodeAndThePath() {
    assertThatThrownBy(
            () ->
                patched(
                    WORKER,
                    """
                    - patch: {machine: {kubelet: {extraArgz: {a: b}}}}
                    """))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("spec.talos.patches[0]")
        .hasMessageContaining("demo-workers-1")
        .hasMessageContaining("/machine/kubelet")
        .hasMessageContaining("unknown field 'extraArgz'");
  }

  @Test
  void aJsonPatchOnAMissingPathNamesTheOperation() {
    assertThatThrownBy(
            () ->
                patched(
                    WORKER,
                    """
                    - patch: [{op: replace, path: /machine/nothere/x, value: 1}]
                    """))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("operation 0 (replace /machine/nothere/x)")
        .hasMessageContaining("missing value");
  }

  @Test
  void theDocumentsMistakesAreFoundBeforeAnyRender() {
    List<Problem> problems =
        ConfigPatches.problems(
            settings(
                """
                - {target: pool/gpu, patch: {machine: {}}}
                - {target: everyone, patch: {machine: {}}}
                - {patch: [{op: frobnicate, path: /x}]}
                - {file: /nonexistent/patch.yaml}
                - {patch: {machine: {}}, file: x.yaml}
                """));
    assertThat(problems)
        .extracting(Problem::path)
        .containsExactly(
            "spec.talos.patches[0].target",
            "spec.talos.patches[1].target",
            "spec.talos.patches[2].patch[0].op",
            "spec.talos.patches[3]",
            "spec.talos.patches[4]");
    assertThat(problems.get(0).message()).contains("no pool named 'gpu'", "cp, workers");
  }

  private static String patched(NodeKey node, String patchesYaml) {
    return patched(TalosVersion.V1_13, node, patchesYaml);
  }

  private static String patched(TalosVersion version, NodeKey node, String patchesYaml) {
    Settings settings = settings(patchesYaml);
    assertThat(ConfigPatches.problems(settings)).isEmpty();
    ConfigSchema schema =
        version == TalosVersion.V1_13
            ? SCHEMA
            : new ConfigSchema(
                Contracts.read("schemas/config.schema." + version.contract() + ".json"));
    MachineConfigPatcher patcher =
        new MachineConfigPatcher(ConfigPatches.of(settings), tag -> schema, w -> {});
    return patcher.apply(
        render(version, node.controlPlane() ? NodeRole.CONTROLPLANE : NodeRole.WORKER),
        "v1.1" + version.minor() + ".0",
        node);
  }

  private static Settings settings(String patchesYaml) {
    return Settings.defaults()
        .with(SettingsCatalogue.NAME_PATH, "demo", Source.FLAG)
        .with(SettingsCatalogue.WORKERS, "2", Source.FLAG)
        .with(SettingsCatalogue.PATCHES, patchesYaml, Source.FILE);
  }

  private static String render(NodeRole role) {
    return render(TalosVersion.V1_13, role);
  }

  private static String render(TalosVersion version, NodeRole role) {
    MachineConfigInput input =
        MachineConfigInput.builder()
            .clusterName("demo")
            .endpoint("https://203.0.113.10:6443")
            .role(role)
            .hostname(role == NodeRole.CONTROLPLANE ? "demo-cp-1" : "demo-workers-1")
            .certSans(List.of("203.0.113.10"))
            .installDisk("/dev/nvme0n1")
            .installerImage("factory.talos.dev/metal-installer/abc:v1.13.9")
            .firewall(new FirewallPolicy(List.of("198.51.100.7/32"), List.of("10.0.0.0/24"), false))
            .build();
    return new MachineConfigGenerator(TestBundles.fixed()).render(version, input);
  }

  private static JsonNode v1alpha1(String config) {
    for (ObjectNode doc : ConfigDocuments.parse(config)) {
      if (ConfigDocuments.isV1alpha1(doc)) {
        return doc;
      }
    }
    throw new AssertionError("no v1alpha1 document");
  }
}
