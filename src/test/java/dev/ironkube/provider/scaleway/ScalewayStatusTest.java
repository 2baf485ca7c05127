package dev.ironkube.provider.scaleway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.provider.Server.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalewayStatusTest {

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "ordered, to_install, PROVISIONING",
        "delivering, null, PROVISIONING",
        "ready, to_install, PROVISIONING",
        "ready, installing, PROVISIONING",
        "ready, completed, ACTIVE",
        "ready, error, FAILED",
        "ready, null, ACTIVE",
        "error, to_install, FAILED",
        "locked, completed, FAILED",
        "out_of_stock, to_install, FAILED",
        "deleting, completed, DELETING",
        "stopped, completed, UNKNOWN",
        "something_new, null, UNKNOWN",
        "null, null, UNKNOWN"
      })
  void readyIsActiveOnlyWithACompletedInstall(String status, String install, State expected) {
    assertThat(ScalewayStatus.state(status, install)).isEqualTo(expected);
  }
}
