package dev.ironkube.sim.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.settings.Source;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.TimeModel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a simulated run changes in the settings it is given, and what it leaves to the user. */
class SimulatedSettingsTest {
  @TempDir Path scratch;

  @Test
  void theLockdownCheckLooksAtLoopbackPortsForHalfASecondUnlessTheUserSaidOtherwise() {
    try (SimulatedDatacenter dc = Simulation.create(new TimeModel(0.01), Faults.none())) {
      Settings pointed = Simulation.pointAt(Settings.defaults(), dc, scratch);
      assertThat(Settings.defaults().duration(SettingsCatalogue.LOCKDOWN_PROBE_TIMEOUT))
          .isEqualTo(Duration.ofSeconds(3));
      assertThat(pointed.duration(SettingsCatalogue.LOCKDOWN_PROBE_TIMEOUT))
          .isEqualTo(Duration.ofMillis(500));

      Settings chosen =
          Settings.defaults().with(SettingsCatalogue.LOCKDOWN_PROBE_TIMEOUT, "2s", Source.FLAG);
      assertThat(
              Simulation.pointAt(chosen, dc, scratch)
                  .duration(SettingsCatalogue.LOCKDOWN_PROBE_TIMEOUT))
          .isEqualTo(Duration.ofSeconds(2));
    }
  }
}
