package dev.ironkube.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Talos' Kubernetes support matrix (shared/reference/versions-2026-12.md): 1.11 runs 1.29–1.34,
 * 1.12 1.30–1.35, 1.13 1.31–1.36, 1.14 1.32–1.37. A pair outside it is refused before any remote
 * call, naming the range; an unset Kubernetes version follows the release's default.
 */
class TalosSupportMatrixTest {

  @ParameterizedTest(name = "Talos {0} + Kubernetes {1} -> {2}")
  @CsvSource({
    "v1.11.6, 1.29.0, ok",
    "v1.11.6, 1.34.1, ok",
    "v1.11.6, 1.28.9, 1.29–1.34",
    "v1.11.6, 1.35.0, 1.29–1.34",
    "v1.12.12, 1.30.0, ok",
    "v1.12.12, 1.36.0, 1.30–1.35",
    "v1.13.10, 1.31.2, ok",
    "v1.13.10, v1.36.3, ok",
    "v1.13.10, 1.30.5, 1.31–1.36",
    "v1.14.6, 1.37.1, ok",
    "v1.14.6, 1.32.0, ok",
    "v1.14.6, 1.31.9, 1.32–1.37",
    "v1.14.6, 1.38.0, 1.32–1.37",
    "v1.14.6, latest, write it like",
  })
  void kubernetesMustBeInTheReleasesRange(String talos, String kubernetes, String expected) {
    Settings settings =
        Settings.defaults()
            .with(SettingsCatalogue.TALOS_VERSION, talos, Source.FLAG)
            .with(SettingsCatalogue.KUBERNETES_VERSION, kubernetes, Source.FLAG);
    List<Problem> problems =
        SettingsValidator.validate(settings).stream()
            .filter(p -> p.path().equals(SettingsCatalogue.KUBERNETES_VERSION))
            .toList();
    if (expected.equals("ok")) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems)
          .singleElement()
          .extracting(Problem::message)
          .asString()
          .contains(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"v1.11.6, 1.34.1", "v1.12.12, 1.35.4", "v1.13.10, 1.36.3", "v1.14.6, 1.37.1"})
  void eachReleaseHasItsDefaultKubernetesAndTheNewestIsTheDefault(String talos, String k8s) {
    int minor = Integer.parseInt(talos.split("\\.")[1]);
    TalosReleases release = TalosReleases.of(minor).orElseThrow();
    assertThat(release.defaultKubernetes()).isEqualTo(k8s);
    assertThat(release.newestPatch()).isEqualTo(talos);
    assertThat(release.communitySupported()).isEqualTo(minor != 11);
    assertThat(Settings.defaults().get(SettingsCatalogue.TALOS_VERSION)).contains("v1.14.6");
    assertThat(
            SettingsValidator.validate(
                Settings.defaults().with(SettingsCatalogue.TALOS_VERSION, talos, Source.FLAG)))
        .noneMatch(p -> p.path().equals(SettingsCatalogue.TALOS_VERSION));
  }
}
