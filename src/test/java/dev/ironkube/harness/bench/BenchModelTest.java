package dev.ironkube.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.latitude.LatitudeApi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchModelTest {
  @Test
  void floorIsTheCriticalPathScaled() {
    // 30 s + 5 min + 2 min to maintenance, then 90 s reboot, 15 s, 20 s, 30 s to healthy
    assertThat(BenchModel.realFloor()).isEqualTo(Duration.ofSeconds(605));
    assertThat(new BenchModel(0.1).floor()).isEqualTo(Duration.ofMillis(60_500));
    assertThat(BenchModel.seedToMaintenance()).isEqualTo(Duration.ofSeconds(1050));
  }

  @Test
  void everyStepIsOverriddenSoNoDefaultLeaksIn() {
    var time = new BenchModel(0.5).timeModel();
    for (BenchModel.Step s : BenchModel.STEPS) {
      assertThat(time.duration(s.name(), Duration.ofDays(1))).isEqualTo(s.real().dividedBy(2));
    }
    assertThat(time.duration(LatitudeApi.STEP_IPXE_STATUS_LAG, Duration.ZERO))
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void endpointsFoldIdsButKeepWordsWithUnderscores() {
    assertThat(endpoint("GET", "/servers/sv_VzPqA1b2C3d4E"))
        .isEqualTo("latitude GET /servers/{id}");
    assertThat(endpoint("GET", "/plans/operating_systems"))
        .isEqualTo("latitude GET /plans/operating_systems");
    assertThat(endpoint("POST", "/ssh_keys")).isEqualTo("latitude POST /ssh_keys");
  }

  @Test
  void budgetCountsReadsWritesAndStatusPollsPerServerMinute() {
    List<RequestLog.Entry> log =
        List.of(
            new RequestLog.Entry("latitude", "POST", "/servers", "", 201),
            new RequestLog.Entry("latitude", "GET", "/servers/sv_VzPqA1b2C3d4E", "", 200),
            new RequestLog.Entry("latitude", "GET", "/servers/sv_VzPqA1b2C3d4E", "", 200),
            new RequestLog.Entry("factory", "POST", "/schematics", "", 201));
    RequestBudget b = RequestBudget.of(log, 2, 0.5);
    assertThat(b.reads()).isEqualTo(2);
    assertThat(b.writes()).isEqualTo(1);
    assertThat(b.statusReadsPerServerMinute()).isEqualTo(4.0);
    assertThat(b.readsPerMinute()).isEqualTo(1.0);
  }

  private static String endpoint(String method, String path) {
    return RequestBudget.endpoint(new RequestLog.Entry("latitude", method, path, "", 200));
  }
}
