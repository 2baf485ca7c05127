package dev.ironkube.sim.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.platform.HttpManifestSource;
import dev.ironkube.platform.PlatformSpec;
import dev.ironkube.settings.SettingDef;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.platform.SimManifests;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `ironkube sim` prints what a run needs to use every simulated service without the network. */
class SimExportsTest {
  @Test
  void everyServiceAndTheOperatorAddressAreExportedUnderTheirVariables() {
    try (SimulatedDatacenter sim = Simulation.create(new TimeModel(0.001), new Faults(1))) {
      Map<String, String> exports = SimCommand.exports(sim);
      assertThat(exports)
          .containsKeys(
              SettingsCatalogue.LATITUDE_URL,
              SettingsCatalogue.SCALEWAY_URL,
              SettingsCatalogue.SCALEWAY_SECRET_KEY,
              SettingsCatalogue.IMAGE_FACTORY_URL,
              SettingsCatalogue.CLOUDFLARE_URL,
              SettingsCatalogue.INFISICAL_URL,
              SettingsCatalogue.OPERATOR_CIDRS,
              SettingsCatalogue.OPERATOR_IP_URLS);
      // Each is a setting with an environment variable, and every URL is the simulator's.
      exports.forEach(
          (path, value) -> {
            assertThat(SettingsCatalogue.find(path).map(SettingDef::env)).as(path).isPresent();
            if (value.startsWith("http")) {
              assertThat(value).as(path).startsWith("http://127.");
            }
          });
      // Turning an integration on stays the user's choice.
      assertThat(exports)
          .doesNotContainKeys(
              SettingsCatalogue.DNS_NAME,
              SettingsCatalogue.TELEPORT_PROXY,
              SettingsCatalogue.INFISICAL_CLIENT_ID);
    }
  }

  @Test
  void theManifestMirrorServesThePinnedArgoCdInstallAtHostAndPath() {
    try (SimulatedDatacenter sim = Simulation.create(new TimeModel(0.001), new Faults(1))) {
      URI mirror = URI.create(SimCommand.exports(sim).get(SettingsCatalogue.MANIFEST_MIRROR));
      HttpManifestSource source = HttpManifestSource.create(mirror);
      URI pinned = URI.create(PlatformSpec.defaults().argoCdManifestUrl());
      assertThat(source.fetch(pinned)).isEqualTo(new SimManifests().fetch(pinned));
      assertThatThrownBy(() -> source.fetch(URI.create("https://example.org/other.yaml")))
          .hasMessageContaining("answered HTTP 404");
    }
  }
}
