package dev.ironkube.secrets.infisical;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.RetryPolicy;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.infisical.InfisicalApi;
import dev.ironkube.sim.infisical.InfisicalOptions;
import java.time.Clock;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The client's requests and the simulator's answers, checked against Infisical's OpenAPI subset
 * (see {@link InfisicalContract} for what had to be added to it) over a whole session: login, list
 * with imports, create, update, an expired token and the re-login, and error answers.
 */
class InfisicalContractTest {

  @Test
  void a_whole_session_keeps_to_the_contract_on_both_sides() {
    Faults faults =
        new Faults(1).arm(Faults.Rule.once("infisical.GET /api/v3/secrets/raw", "token-expired"));
    InfisicalOptions options = InfisicalOptions.defaults();
    try (InfisicalApi api =
            new InfisicalApi(options, TimeModel.instant(), faults, new RequestLog()).start();
        ValidatingProxy proxy = new ValidatingProxy(api.baseUri())) {
      api.putSecret("prod", "/", "LATITUDE_API_KEY", "lat-from-infisical");
      api.putSecret("prod", "/shared", "CLOUDFLARE_ZONE_ID", "5ee5");
      api.addImport("prod", "/", "prod", "/shared");
      InfisicalSecrets secrets =
          InfisicalSecrets.connect(
              proxy.uri(),
              new InfCredentials(options.clientId(), options.clientSecret()),
              new InfScope(options.projectId(), "prod", "/"),
              Clock.systemUTC(),
              b -> b.retryPolicy(RetryPolicy.NONE));

      assertThat(secrets.fetch())
          .containsEntry("LATITUDE_API_KEY", "lat-from-infisical")
          .containsEntry("CLOUDFLARE_ZONE_ID", "5ee5");
      secrets.put("IRONKUBE_DEMO_TALOSCONFIG_B64", "Y29udGV4dDogZGVtbwo=");
      secrets.put("IRONKUBE_DEMO_TALOSCONFIG_B64", "Y29udGV4dDogZGVtbzIK");
      InfisicalSecrets wrongProject =
          InfisicalSecrets.connect(
              proxy.uri(),
              new InfCredentials(options.clientId(), options.clientSecret()),
              new InfScope("not-the-project", "prod", "/"),
              Clock.systemUTC(),
              b -> b.retryPolicy(RetryPolicy.NONE));
      Assertions.assertThatThrownBy(wrongProject::fetch)
          .isInstanceOf(RemoteServiceException.NotFound.class);
      InfisicalSecrets wrongSecret =
          InfisicalSecrets.connect(
              proxy.uri(),
              new InfCredentials(options.clientId(), "wrong-secret-value"),
              new InfScope(options.projectId(), "prod", "/"),
              Clock.systemUTC(),
              b -> b.retryPolicy(RetryPolicy.NONE));
      Assertions.assertThatThrownBy(wrongSecret::fetch)
          .isInstanceOf(RemoteServiceException.Unauthorized.class)
          .hasMessageNotContaining("wrong-secret-value");

      assertThat(proxy.exchanges())
          .containsSubsequence(
              "POST /api/v1/auth/universal-auth/login -> 200",
              "GET /api/v3/secrets/raw -> 403",
              "POST /api/v1/auth/universal-auth/login -> 200",
              "GET /api/v3/secrets/raw -> 200",
              "POST /api/v4/secrets/IRONKUBE_DEMO_TALOSCONFIG_B64 -> 200",
              "PATCH /api/v4/secrets/IRONKUBE_DEMO_TALOSCONFIG_B64 -> 200",
              "GET /api/v3/secrets/raw -> 404",
              "POST /api/v1/auth/universal-auth/login -> 401");
      assertThat(proxy.problems()).isEmpty();
      assertThat(api.secretValue("prod", "/", "IRONKUBE_DEMO_TALOSCONFIG_B64"))
          .isEqualTo("Y29udGV4dDogZGVtbzIK");
    }
  }

  @Test
  void the_contract_subset_holds_the_error_envelope_and_token_shape_used() {
    var subset = InfisicalContract.subset();

    assertThat(
            subset
                .at(
                    "/paths/~1api~1v1~1auth~1token/post/responses/403/content"
                        + "/application~1json/schema/required")
                .toString())
        .contains("reqId", "statusCode", "message", "error");
    assertThat(
            InfisicalContract.augmented()
                .at(
                    "/paths/~1api~1v1~1auth~1universal-auth~1login/post/responses/200/content"
                        + "/application~1json/schema/required")
                .toString())
        .contains("accessToken", "expiresIn", "accessTokenMaxTTL", "tokenType")
        .doesNotContain("tokenData");
  }

  @Test
  void the_validator_does_catch_the_sdk_spelling_of_include_imports() {
    var request =
        new SimpleRequest.Builder(Request.Method.GET, "/api/v3/secrets/raw")
            .withQueryParam("workspaceId", "p")
            .withQueryParam("environment", "prod")
            .withQueryParam("includeImports", "true")
            .withHeader("Authorization", "Bearer x")
            .build();

    assertThat(InfisicalContract.validator().validateRequest(request).hasErrors()).isTrue();
  }
}
