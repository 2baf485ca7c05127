package dev.ironkube.sim.latitude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.SimHttp;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  @Test
  void the_21st_write_in_a_modelled_minute_is_429_with_retry_after() throws Exception {
    TimeModel time =
        TimeModel.instant().override(LatitudeApi.STEP_RATE_WINDOW, Duration.ofMinutes(1));
    try (SimulatedDatacenter dc = SimulatedDatacenter.builder().timeModel(time).build().start()) {
      SimHttp http = LatitudeFixture.client(dc);
      for (int i = 0; i < 20; i++) {
        assertThat(http.delete("/servers/sv_missing" + i).status()).isEqualTo(404);
      }

      SimHttp.Answer limited = http.post("/projects", "{}");
      SimHttp.Answer read = http.get("/user/profile");

      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.json().at("/errors/0/code").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
      assertThat(limited.json().at("/errors/0/title").asText()).isEqualTo("Rate Limit Exceeded");
      assertThat(limited.json().at("/errors/0/status").asText()).isEqualTo("429");
      assertThat(limited.json().at("/errors/0/detail").asText())
          .isEqualTo("Too many requests. Please slow down and retry.");
      assertThat(limited.json().at("/errors/0/meta/retry_after").asLong()).isBetween(1L, 60L);
      assertThat(read.status()).isEqualTo(200);
    }
  }

  @Test
  void reads_have_their_own_budget_of_60() throws Exception {
    TimeModel time =
        TimeModel.instant().override(LatitudeApi.STEP_RATE_WINDOW, Duration.ofMinutes(1));
    try (SimulatedDatacenter dc = SimulatedDatacenter.builder().timeModel(time).build().start()) {
      SimHttp http = LatitudeFixture.client(dc);
      for (int i = 0; i < 60; i++) {
        assertThat(http.get("/user/profile").status()).isEqualTo(200);
      }
      assertThat(http.get("/user/profile").status()).isEqualTo(429);
      assertThat(http.delete("/servers/sv_x").status()).isEqualTo(404);
    }
  }

  @Test
  void limits_can_be_disabled_and_are_off_in_instant_time() throws Exception {
    TimeModel time =
        TimeModel.instant().override(LatitudeApi.STEP_RATE_WINDOW, Duration.ofMinutes(1));
    try (SimulatedDatacenter off =
            SimulatedDatacenter.builder()
                .timeModel(time)
                .latitude(LatitudeOptions.defaults().withRateLimits(false))
                .build()
                .start();
        SimulatedDatacenter instant =
            SimulatedDatacenter.builder().timeModel(TimeModel.instant()).build().start()) {
      for (SimulatedDatacenter dc : new SimulatedDatacenter[] {off, instant}) {
        SimHttp http = LatitudeFixture.client(dc);
        for (int i = 0; i < 25; i++) {
          assertThat(http.delete("/servers/sv_x").status()).isEqualTo(404);
        }
      }
    }
  }

  @Test
  void injected_429s_carry_or_omit_the_hint() throws Exception {
    Faults faults =
        new Faults(3)
            .arm(Faults.Rule.once("latitude.GET /regions", "429"))
            .arm(Faults.Rule.once("latitude.GET /regions", "429-no-hint"));
    try (SimulatedDatacenter dc =
        SimulatedDatacenter.builder().timeModel(TimeModel.demo()).faults(faults).build().start()) {
      SimHttp http = LatitudeFixture.client(dc);
      SimHttp.Answer hinted = http.get("/regions");
      SimHttp.Answer bare = http.get("/regions");

      assertThat(hinted.status()).isEqualTo(429);
      assertThat(hinted.json().at("/errors/0/meta/retry_after").asLong()).isPositive();
      assertThat(bare.status()).isEqualTo(429);
      assertThat(bare.json().at("/errors/0/meta").isEmpty()).isTrue();
      assertThat(http.get("/regions").status()).isEqualTo(200);
    }
  }
}
