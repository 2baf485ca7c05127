package dev.ironkube.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformSpecMapperTest {
  @Test
  void anEmptyMapGivesTheDefaults() {
    assertThat(PlatformSpecMapper.fromMap(Map.of())).isEqualTo(PlatformSpec.defaults());
  }

  @Test
  void overridesVersionsChartsAndAddOns() {
    PlatformSpec spec =
        PlatformSpecMapper.fromMap(
            Map.of(
                "cilium.version", "1.18.6",
                "argocd.version", "v3.5.0",
                "controller.repo", "https://github.com/example/cto.git",
                "controller.path", "charts/controller",
                "controller.version", "v1.2.3",
                "addons.demo.repo", "https://github.com/example/demo.git",
                "addons.demo.path", "deploy",
                "addons.demo.version", "main",
                "addons.demo.values", "a:\n  b: 1\n"));
    assertThat(spec.ciliumVersion()).isEqualTo("1.18.6");
    assertThat(spec.argoCdManifestUrl()).contains("/v3.5.0/manifests/install.yaml");
    assertThat(spec.controller().path()).isEqualTo("charts/controller");
    assertThat(spec.controller().chart()).isNull();
    assertThat(spec.addOns())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.namespace()).isEqualTo("demo");
              assertThat(a.values()).containsEntry("a", Map.of("b", 1));
            });
  }

  @Test
  void anUnknownKeyIsReportedNotIgnored() {
    assertThatThrownBy(() -> PlatformSpecMapper.fromMap(Map.of("cilium.verison", "1")))
        .hasMessageContaining("cilium.verison");
  }
}
