package dev.ironkube.secrets.infisical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.FakeHttpServer;
import dev.ironkube.http.FakeHttpServer.Reply;
import dev.ironkube.http.RecordingSleeper;
import dev.ironkube.http.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Answers the simulator does not give: composed from reference §C.3–C.4. */
class InfisicalAnswersTest {
  static final String LOGIN =
      "{\"accessToken\":\"tok-1\",\"expiresIn\":2592000,\"accessTokenMaxTTL\":2592000,"
          + "\"tokenType\":\"Bearer\"}";

  final FakeHttpServer server = new FakeHttpServer();
  final RecordingSleeper sleeper = new RecordingSleeper();

  @AfterEach
  void close() {
    server.close();
  }

  InfisicalSecrets secrets(String site) {
    return InfisicalSecrets.connect(
        URI.create(site),
        new InfCredentials("id", "secret"),
        new InfScope("p", "prod", "/a/b/"),
        sleeper.clock(),
        b -> b.retryPolicy(RetryPolicy.DEFAULT).sleeper(sleeper).random(new Random(1)));
  }

  @Test
  void a_hidden_value_is_a_permission_failure_naming_the_key_only() {
    server.answerInTurn(
        Reply.json(200, LOGIN),
        Reply.json(
            200,
            "{\"secrets\":[{\"id\":\"1\",\"secretKey\":\"SCW_SECRET_KEY\",\"secretValue\":"
                + "\"<hidden-by-infisical>\",\"secretValueHidden\":true,\"environment\":\"prod\","
                + "\"type\":\"shared\"}],\"imports\":[]}"));

    assertThatThrownBy(() -> secrets(server.uri().toString()).fetch())
        .isInstanceOf(RemoteServiceException.Unauthorized.class)
        .hasMessageContaining("SCW_SECRET_KEY")
        .hasMessageNotContaining("hidden-by-infisical");
  }

  @Test
  void a_rate_limit_waits_the_seconds_named_and_a_trailing_api_in_the_url_is_tolerated() {
    server.answerInTurn(
        Reply.json(200, LOGIN),
        Reply.json(
            429,
            "{\"reqId\":\"req-1\",\"statusCode\":429,\"error\":\"RateLimitError\","
                + "\"message\":\"Rate limit exceeded. Please try again in 12 seconds\"}"),
        Reply.json(200, "{\"secrets\":[]}"));

    assertThat(secrets(server.uri() + "/api/").fetch()).isEmpty();
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(12));
    var list = server.requests().get(1);
    assertThat(list.path()).isEqualTo("/api/v3/secrets/raw");
    assertThat(list.queryParam("secretPath")).isEqualTo("/a/b");
    assertThat(list.queryParam("include_imports")).isEqualTo("true");
    assertThat(list.queryParam("workspaceId")).isEqualTo("p");
    assertThat(list.header("Authorization")).isEqualTo("Bearer tok-1");
    assertThat(server.requests().getFirst().header("Authorization")).isNull();
  }

  @Test
  void a_validation_failure_lists_zod_issues() {
    server.answerInTurn(
        Reply.json(
            422,
            "{\"reqId\":\"req-2\",\"statusCode\":422,\"error\":\"ValidationFailure\","
                + "\"message\":[{\"code\":\"invalid_type\",\"path\":[\"clientId\"],"
                + "\"message\":\"Required\"}]}"));

    assertThatThrownBy(() -> secrets(server.uri().toString()).fetch())
        .isInstanceOf(RemoteServiceException.Rejected.class)
        .hasMessageContaining("ValidationFailure: Required")
        .hasMessageContaining("req-2");
  }
}
