package dev.ironkube.sim.talos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.sim.SimDisk;
import dev.ironkube.talos.testing.TestMachineConfig;
import dev.ironkube.talos.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigValidatorTest {
  private static final TestPki.Pair OS_CA = TestPki.osCa();
  private static final TestPki.Pair K8S_CA = TestPki.k8sCa();
  private static final TestMachineConfig VALID = TestMachineConfig.of(OS_CA, K8S_CA, "10.0.0.5");

  private final ConfigValidator v111 = new ConfigValidator(SimDisk.typical(), "v1.11.6");

  @Test
  void aMinimalControlPlaneConfigIsAccepted() {
    AppliedConfig config = v111.validate(VALID.yaml());

    assertThat(config.machineType()).isEqualTo("controlplane");
    assertThat(config.clusterName()).isEqualTo("sim");
    assertThat(config.endpoint()).isEqualTo("https://10.0.0.5:6443");
    assertThat(config.osCa().certificate()).isEqualTo(OS_CA.certificate());
    assertThat(config.k8sCa().certificate()).isEqualTo(K8S_CA.certificate());
    assertThat(config.installDisk()).isEqualTo("/dev/nvme0n1");
    assertThat(config.toString()).doesNotContain("PRIVATE");
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        edit("version: v1alpha1", "version: v1alpha2", "version: must be v1alpha1"),
        edit("type: controlplane", "type: master", "machine.type: must be controlplane or worker"),
        edit("clusterName: sim", "clusterName: ''", "cluster.clusterName: required"),
        edit(
            "endpoint: https://",
            "endpoint: http://",
            "cluster.controlPlane.endpoint: must be an https:// URL"),
        edit("disk: /dev/nvme0n1", "disk: /dev/vda", "specified install disk does not exist"),
        edit("debug: false", "debug: false\nfrobnicate: true", "frobnicate: unknown field"),
        edit(
            "    crt: " + OS_CA.certBase64(),
            "    crt: bm90IGEgY2VydA==",
            "machine.ca.crt: not a PEM certificate"),
        edit(
            "    key: " + OS_CA.keyBase64(),
            "    key: " + K8S_CA.keyBase64(),
            "machine.ca.key: does not match machine.ca.crt"),
        edit("    key: " + K8S_CA.keyBase64(), "    key: ''", "cluster.ca.key: required"),
        Arguments.of(
            (UnaryOperator<String>)
                y -> y + "---\napiVersion: v1alpha1\nkind: HostnameConfig\nhostname: a\n",
            "\"HostnameConfig\" \"v1alpha1\": not registered"),
        Arguments.of(
            (UnaryOperator<String>)
                y ->
                    y
                        + "---\napiVersion: v1alpha1\nkind: NetworkDefaultActionConfig\ningress: block\n"
                        + "---\napiVersion: v1alpha1\nkind: NetworkDefaultActionConfig\ningress: accept\n",
            "NetworkDefaultActionConfig: duplicate document"),
        Arguments.of((UnaryOperator<String>) y -> "machine: [", "not valid YAML"));
  }

  @ParameterizedTest
  @MethodSource("broken")
  void eachProblemIsReportedWithItsPath(UnaryOperator<String> change, String expected) {
    byte[] yaml =
        change
            .apply(new String(VALID.yaml(), StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> v111.validate(yaml))
        .isInstanceOf(ConfigValidator.InvalidConfig.class)
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(OS_CA.keyBase64()));
  }

  @Test
  void aWorkerCarriesNoOsCaKeyButNeedsTheCertificate() {
    String worker =
        new String(VALID.yaml(), StandardCharsets.UTF_8)
            .replace("type: controlplane", "type: worker");
    String withoutKeys =
        worker
            .replace("    key: " + OS_CA.keyBase64() + "\n", "    key: ''\n")
            .replace("    key: " + K8S_CA.keyBase64() + "\n", "    key: ''\n");

    assertThat(v111.validate(withoutKeys.getBytes(StandardCharsets.UTF_8)).controlPlane())
        .isFalse();
    assertThatThrownBy(() -> v111.validate(worker.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("machine.ca.key: must be empty on a worker");
  }

  @Test
  void documentKindsFollowTheNodesTalosVersion() {
    byte[] yaml =
        VALID.withDocument("apiVersion: v1alpha1\nkind: HostnameConfig\nhostname: cp-1\n").yaml();

    assertThat(new ConfigValidator(SimDisk.typical(), "v1.12.11").validate(yaml).documentKinds())
        .containsExactly("HostnameConfig");
    assertThatThrownBy(() -> v111.validate(yaml)).isInstanceOf(ConfigValidator.InvalidConfig.class);
  }

  @Test
  void firewallDocumentsAreAcceptedSinceTalos16() {
    byte[] yaml =
        VALID
            .withDocument(
                "apiVersion: v1alpha1\nkind: NetworkDefaultActionConfig\ningress: block\n")
            .withDocument(
                "apiVersion: v1alpha1\nkind: NetworkRuleConfig\nname: apid\nportSelector:\n"
                    + "  ports: [50000]\n  protocol: tcp\ningress:\n  - subnet: 0.0.0.0/0\n")
            .yaml();

    assertThat(v111.validate(yaml).documentKinds())
        .containsExactly("NetworkDefaultActionConfig", "NetworkRuleConfig");
  }

  private static Arguments edit(String from, String to, String expected) {
    return Arguments.of(
        (UnaryOperator<String>)
            y -> {
              assertThat(y).contains(from);
              return y.replace(from, to);
            },
        expected);
  }
}
