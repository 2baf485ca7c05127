package dev.ironkube.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.settings.Source;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The spec is read from the settings once, typed, and never carries a secret. */
class ClusterSpecTest {
  private static final String KEY = "lat_live_0123456789abcdef";

  private static Settings settings() {
    return Settings.defaults()
        .with(SettingsCatalogue.NAME_PATH, "demo", Source.FLAG)
        .with(SettingsCatalogue.DNS_NAME, "k8s.example.net", Source.ENVIRONMENT)
        .with(SettingsCatalogue.OPERATOR_CIDRS, "203.0.113.0/24, 198.51.100.7/32", Source.FILE)
        .with(SettingsCatalogue.KEEP_ON_FAILURE, "true", Source.FLAG)
        .with(SettingsCatalogue.LATITUDE_API_KEY, KEY, Source.SECRET_STORE);
  }

  @Test
  void theSpecHoldsTheTypedValuesOfTheSettings() {
    ClusterSpec spec = ClusterSpec.of(settings());

    assertThat(spec.name()).isEqualTo("demo");
    assertThat(spec.identity()).isEqualTo(new ClusterIdentity("demo"));
    assertThat(spec.identity().markerName()).isEqualTo("ironkube-demo");
    assertThat(spec.provider()).isEqualTo("latitude");
    assertThat(spec.dnsName()).contains("k8s.example.net");
    assertThat(spec.billing()).isEqualTo("hourly");
    assertThat(spec.keepOnFailure()).isTrue();
    assertThat(spec.operatorCidrs()).containsExactly("203.0.113.0/24", "198.51.100.7/32");
  }

  @Test
  void unsetOptionalValuesAreEmptyNotNull() {
    ClusterSpec spec =
        ClusterSpec.of(Settings.defaults().with(SettingsCatalogue.NAME_PATH, "demo", Source.FLAG));

    assertThat(spec.dnsName()).isEmpty();
    assertThat(spec.operatorCidrs()).isEmpty();
    assertThat(spec.keepOnFailure()).isFalse();
  }

  @Test
  void aSpecWithoutAClusterNameCannotBeBuilt() {
    assertThatThrownBy(
            () ->
                new ClusterSpec(
                    new ClusterIdentity(null),
                    "latitude",
                    Optional.empty(),
                    "hourly",
                    Optional.empty(),
                    false,
                    List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("cluster name");
  }

  @Test
  void theSpecNeverPrintsASecretOfTheSettingsItWasBuiltFrom() {
    assertThat(ClusterSpec.of(settings()).toString()).contains("demo").doesNotContain(KEY);
  }
}
