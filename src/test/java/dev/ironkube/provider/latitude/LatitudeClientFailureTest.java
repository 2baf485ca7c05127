package dev.ironkube.provider.latitude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.FakeHttpServer.Reply;
import dev.ironkube.http.RetryPolicy;
import dev.ironkube.settings.Secret;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the client behaves when Latitude says no, slows it down, or fails. */
class LatitudeClientFailureTest {
  private static final String PROFILE =
      Cassette.load("latitudesh-go/TestAccAccountsBasic.yaml").first("GET", "/user/profile").body();
  private static final String SERVER =
      Cassette.load("terraform-provider-latitudesh/TestAccServer_Basic.yaml")
          .first("GET", "/servers/sv_ZWr75Zbjr5A91")
          .body();
  private static final String RATE_LIMITED =
      """
      {"errors":[{"code":"RATE_LIMIT_EXCEEDED","title":"Rate Limit Exceeded","status":"429",
        "detail":"Too many requests. Please slow down and retry.","meta":{"retry_after":60}}]}""";

  private final LatitudeTestRig rig =
      new LatitudeTestRig(RetryPolicy.DEFAULT, Duration.ofSeconds(1));

  @AfterEach
  void close() {
    try {
      OpenApiContract.assertAllValid(rig.requests());
    } finally {
      rig.close();
    }
  }

  private static LatNewServer order() {
    return new LatNewServer(
        "proj_1",
        "c2-small-x86",
        "MIA2",
        "ipxe",
        "https://pxe.example/metal-amd64",
        "demo-cp-1",
        "hourly");
  }

  @Test
  void waitsAsLongAsTheRateLimitAnswerSays() {
    rig.server
        .enqueue("GET", "/user/profile", Reply.json(429, RATE_LIMITED))
        .enqueue("GET", "/user/profile", Reply.json(200, PROFILE));

    assertThat(rig.client.profile().id()).startsWith("user_");
    assertThat(rig.sleeper.sleeps()).containsExactly(Duration.ofSeconds(60));
  }

  @Test
  void backsOffWhenARateLimitAnswerGivesNoHint() {
    rig.server
        .enqueue("GET", "/user/profile", Reply.json(429, "{\"errors\":[{\"status\":\"429\"}]}"))
        .enqueue("GET", "/user/profile", Reply.json(200, PROFILE));

    rig.client.profile();

    assertThat(rig.sleeper.sleeps()).hasSize(1);
    assertThat(rig.sleeper.sleeps().getFirst())
        .isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
  }

  @Test
  void retriesServerErrorsOnReadsUntilTheyPass() {
    rig.server
        .enqueue("GET", "/servers/sv_ZWr75Zbjr5A91", Reply.json(502, "<html>bad gateway</html>"))
        .enqueue("GET", "/servers/sv_ZWr75Zbjr5A91", Reply.json(503, ""))
        .enqueue("GET", "/servers/sv_ZWr75Zbjr5A91", Reply.json(200, SERVER));

    assertThat(rig.client.server("sv_ZWr75Zbjr5A91"))
        .map(s -> s.attributes().status())
        .contains("on");
    assertThat(rig.requests()).hasSize(3);
    assertThat(rig.stats.count("GET /servers/{server_id}")).isEqualTo(3);
  }

  @Test
  void neverRepeatsAServerOrderAfterAServerError() {
    rig.server.enqueue("POST", "/servers", Reply.json(503, ""));

    assertThatThrownBy(() -> rig.client.createServer(order()))
        .isInstanceOf(RemoteServiceException.Transient.class);
    assertThat(rig.requests()).hasSize(1);
    assertThat(rig.sleeper.sleeps()).isEmpty();
  }

  @Test
  void neverRepeatsAServerOrderAfterATimeout() {
    rig.server.enqueue(
        "POST", "/servers", Reply.json(201, SERVER).delayedBy(Duration.ofSeconds(3)));

    assertThatThrownBy(() -> rig.client.createServer(order()))
        .isInstanceOf(RemoteServiceException.Transient.class);
    assertThat(rig.requests()).hasSize(1);
  }

  @Test
  void aRejectedKeyIsUnauthorizedAndNeverQuoted() {
    rig.server.enqueue(
        "GET",
        "/user/profile",
        Reply.json(
            401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"Invalid token\"}]}"));

    RemoteServiceException.Unauthorized failure =
        catchThrowableOfType(RemoteServiceException.Unauthorized.class, () -> rig.client.profile());

    assertThat(failure.getMessage())
        .contains("Invalid token")
        .doesNotContain(LatitudeTestRig.API_KEY);
    assertThat(failure.toString()).doesNotContain(LatitudeTestRig.API_KEY);
    assertThat(failure.hint())
        .contains("LATITUDE_API_KEY")
        .contains("https://www.latitude.sh/dashboard/api")
        .doesNotContain(LatitudeTestRig.API_KEY);
    assertThat(rig.requests()).hasSize(1);
  }

  @Test
  void aMissingKeyFailsBeforeAnyCall() {
    assertThatThrownBy(() -> LatitudeClient.transport(rig.server.uri(), Secret.of(" ")))
        .isInstanceOf(RemoteServiceException.Unauthorized.class);
    rig.server.enqueue("GET", "/user/profile", Reply.json(200, PROFILE));
    rig.client.profile(); // keeps the after-each contract check meaningful
  }
}
