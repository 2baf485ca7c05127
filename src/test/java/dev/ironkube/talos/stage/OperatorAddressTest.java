package dev.ironkube.talos.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.sim.echo.EchoIpApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperatorAddressTest {
  private final EchoIpApi echo = new EchoIpApi().start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    echo.close();
  }

  @Test
  void anHtmlAnswerIsNotAnAddressAndTheNextServiceIsAsked() {
    assertThat(OperatorAddress.detectCidr(http, List.of(echo.portalUrl(), echo.ipUrl())))
        .isEqualTo("127.0.0.1/32");
  }

  @Test
  void whenNoServiceAnswersAnAddressTheErrorNamesEachAndTheSettingToUse() {
    URI unreachable = URI.create("http://127.0.0.1:9/ip");
    assertThatThrownBy(
            () -> OperatorAddress.detectCidr(http, List.of(echo.portalUrl(), unreachable)))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("could not detect your public IP address")
        .hasMessageContaining("unreachable")
        .satisfies(
            e ->
                assertThat(((OperationFailedException) e).hint())
                    .contains("IRONKUBE_OPERATOR_CIDRS"));
  }
}
