package dev.ironkube.provider.latitude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.provider.Server.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatitudeStatusTest {
  @ParameterizedTest
  @CsvSource({
    "on, ACTIVE",
    "ON, ACTIVE",
    "starting_deploy, PROVISIONING",
    "deploying, PROVISIONING",
    "disk_erasing, PROVISIONING",
    "ready, PROVISIONING",
    "off, PROVISIONING",
    "unknown, PROVISIONING",
    "failed_deployment, FAILED",
    "failed_disk_erasing, FAILED",
    "rescue_mode, UNKNOWN",
    "something_new, UNKNOWN",
  })
  void foldsStatusesIntoStates(String status, State expected) {
    assertThat(LatitudeStatus.state(status)).isEqualTo(expected);
  }

  @Test
  void aMissingStatusIsUnknown() {
    assertThat(LatitudeStatus.state(null)).isEqualTo(State.UNKNOWN);
  }
}
