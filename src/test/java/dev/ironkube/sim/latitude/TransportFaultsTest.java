package dev.ironkube.sim.latitude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.sim.Faults;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.SimHttp;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportFaultsTest {

  private static SimulatedDatacenter start(Faults faults) {
    return SimulatedDatacenter.builder()
        .timeModel(TimeModel.instant())
        .faults(faults)
        .latitude(LatitudeOptions.defaults().withTimeoutFaultDelay(Duration.ofSeconds(2)))
        .build()
        .start();
  }

  @Test
  void server_errors_come_as_json_from_the_api_and_html_from_the_proxy() throws Exception {
    Faults faults =
        new Faults(1)
            .arm(Faults.Rule.once("latitude.GET /plans", "http-500"))
            .arm(Faults.Rule.once("latitude.GET /plans", "http-502"));
    try (SimulatedDatacenter dc = start(faults)) {
      SimHttp http = LatitudeFixture.client(dc);
      SimHttp.Answer internal = http.get("/plans");
      SimHttp.Answer gateway = http.get("/plans");

      assertThat(internal.status()).isEqualTo(500);
      assertThat(internal.json().at("/errors/0/status").asText()).isEqualTo("500");
      assertThat(gateway.status()).isEqualTo(502);
      assertThat(gateway.contentType()).startsWith("text/html");
      assertThat(http.get("/plans").status()).isEqualTo(200);
    }
  }

  @Test
  void malformed_answers_are_not_json_and_reset_drops_the_connection() throws Exception {
    Faults faults =
        new Faults(1)
            .arm(Faults.Rule.once("latitude.GET /user/profile", "malformed"))
            .arm(Faults.Rule.once("latitude.POST /projects", "reset"));
    try (SimulatedDatacenter dc = start(faults)) {
      SimHttp http = LatitudeFixture.client(dc);
      SimHttp.Answer garbled = http.get("/user/profile");

      assertThat(garbled.status()).isEqualTo(200);
      assertThatThrownBy(garbled::json).isInstanceOf(AssertionError.class);
      assertThatThrownBy(() -> LatitudeFixture.createProject(http, "never"))
          .isInstanceOf(IOException.class);
      assertThat(dc.latitude().projects()).isEmpty();
      assertThat(dc.requests().of("latitude"))
          .extracting(RequestLog.Entry::status)
          .contains(RequestLog.Entry.DROPPED);
    }
  }

  @Test
  void timeout_holds_the_request_past_the_client_timeout() throws Exception {
    Faults faults = new Faults(1).arm(Faults.Rule.once("latitude.GET /servers", "timeout"));
    try (SimulatedDatacenter dc = start(faults)) {
      SimHttp http = LatitudeFixture.client(dc);

      assertThatThrownBy(
              () -> http.send(http.request("/servers").timeout(Duration.ofMillis(200)).GET()))
          .isInstanceOf(HttpTimeoutException.class);
      assertThat(http.get("/servers").status()).isEqualTo(200);
    }
  }
}
