package dev.ironkube.workflow.upgrade;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.UserInputException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The upgrade rules, table-driven. Talos: adjacent minors only, never backwards, unless forced
 * (docs.siderolabs.com/talos/v1.13/.../upgrading-talos, "Supported upgrade paths"). Kubernetes: one
 * minor at a time (go-kubernetes upgrade.Path.IsSupported, used by talosctl upgrade-k8s) and inside
 * every node's Talos support range (1.13 → 1.31–1.36, 1.14 → 1.32–1.37: versions-2026-12.md).
 */
class UpgradePathsTest {
  @ParameterizedTest(name = "Talos {0} -> {1}, force={2}: {3}")
  @CsvSource({
    "v1.13.10, v1.14.6,  false, ok",
    "v1.14.4,  v1.14.6,  false, ok",
    "v1.14.6,  v1.14.6,  false, ok",
    "v1.12.12, v1.14.6,  false, skips a minor",
    "v1.12.12, v1.14.6,  true,  ok",
    "v1.14.6,  v1.13.10, false, older than",
    "v1.14.6,  v1.14.4,  false, older than",
    "v1.14.6,  v1.13.10, true,  ok",
    "v1.13.10, v1.15.0,  true,  not a release ironkube supports",
    "v1.13.10, 1.14.6,   false, not of the form",
  })
  void talos(String from, String to, boolean force, String expected) {
    if (expected.equals("ok")) {
      assertThatCode(() -> TalosUpgradePath.check(from, to, force)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> TalosUpgradePath.check(from, to, force))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining(expected);
    }
  }

  @ParameterizedTest(name = "Kubernetes {0} -> {1} on Talos 1.{2}: {3}")
  @CsvSource({
    "1.36.3, v1.37.1, 14, ok",
    "1.36.3, 1.36.5,  13, ok",
    "1.35.4, 1.37.1,  14, skips a minor",
    "1.36.3, 1.35.4,  13, older than",
    "1.36.3, 1.36.1,  13, older than",
    "1.36.3, 1.37.1,  13, supports Kubernetes 1.31–1.36",
    "1.36.3, v1.37,   14, not of the form",
  })
  void kubernetes(String from, String to, int talosMinor, String expected) {
    if (expected.equals("ok")) {
      assertThatCode(() -> KubernetesUpgradePath.check(from, to, List.of(talosMinor)))
          .doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> KubernetesUpgradePath.check(from, to, List.of(talosMinor)))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining(expected);
    }
  }
}
