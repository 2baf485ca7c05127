package dev.ironkube.sim.infisical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.http.RecordingSleeper;
import dev.ironkube.http.RequestLogEntry;
import dev.ironkube.http.RetryPolicy;
import dev.ironkube.secrets.infisical.InfCredentials;
import dev.ironkube.secrets.infisical.InfScope;
import dev.ironkube.secrets.infisical.InfisicalSecrets;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.TimeModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The Infisical adapter against the simulated Infisical: token lifetimes, imports, faults. */
class InfisicalSessionAgainstFakeTest {
  static final InfisicalOptions OPTIONS = InfisicalOptions.defaults();
  static final String LOGIN = "/api/v1/auth/universal-auth/login";
  static final String RENEW = "/api/v1/auth/token/renew";

  final RequestLog log = new RequestLog();
  final List<RequestLogEntry> clientLog = new CopyOnWriteArrayList<>();
  final Hand clock = new Hand();

  /** A clock moved by hand; the client and the simulator share it. */
  static final class Hand extends Clock {
    volatile Instant now = Instant.parse("2026-03-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  InfisicalApi start(Faults faults) {
    TimeModel time =
        TimeModel.instant()
            .override(InfisicalApi.STEP_TOKEN_TTL, Duration.ofMinutes(10))
            .override(InfisicalApi.STEP_TOKEN_MAX_TTL, Duration.ofMinutes(30));
    InfisicalApi api = new InfisicalApi(OPTIONS.withClock(clock), time, faults, log).start();
    api.putSecret("prod", "/", "LATITUDE_API_KEY", "lat-secret-value-1");
    return api;
  }

  InfisicalSecrets secrets(InfisicalApi api, String clientSecret, Clock clientClock) {
    RecordingSleeper sleeper = new RecordingSleeper();
    return InfisicalSecrets.connect(
        api.baseUri(),
        new InfCredentials(OPTIONS.clientId(), clientSecret),
        new InfScope(OPTIONS.projectId(), "prod", "/"),
        clientClock,
        b ->
            b.retryPolicy(RetryPolicy.DEFAULT)
                .sleeper(sleeper)
                .random(new Random(2))
                .listener(clientLog::add));
  }

  List<String> paths() {
    return log.of("infisical").stream()
        .map(e -> e.method() + " " + e.path() + " " + e.status())
        .toList();
  }

  @Test
  void login_list_renew_before_expiry_and_login_again_at_max_age() {
    try (InfisicalApi api = start(Faults.none())) {
      InfisicalSecrets secrets = secrets(api, OPTIONS.clientSecret(), clock);

      assertThat(secrets.fetch()).containsEntry("LATITUDE_API_KEY", "lat-secret-value-1");
      clock.advance(Duration.ofMinutes(5));
      secrets.fetch();
      clock.advance(Duration.ofMinutes(4).plusSeconds(45));
      secrets.fetch();
      clock.advance(Duration.ofMinutes(25));
      secrets.fetch();

      assertThat(paths())
          .containsExactly(
              "POST " + LOGIN + " 200",
              "GET /api/v3/secrets/raw 200",
              "GET /api/v3/secrets/raw 200",
              "POST " + RENEW + " 200",
              "GET /api/v3/secrets/raw 200",
              "POST " + LOGIN + " 200",
              "GET /api/v3/secrets/raw 200");
      assertThat(secrets.session().logins()).isEqualTo(2);
    }
  }

  @Test
  void a_renewal_that_keeps_failing_falls_back_to_a_login() {
    Faults faults = new Faults(1).arm(Faults.Rule.always("infisical.POST " + RENEW, "http-500"));
    try (InfisicalApi api = start(faults)) {
      InfisicalSecrets secrets = secrets(api, OPTIONS.clientSecret(), clock);
      secrets.fetch();
      clock.advance(Duration.ofMinutes(9).plusSeconds(45));

      assertThat(secrets.fetch()).containsKey("LATITUDE_API_KEY");
      assertThat(secrets.session().logins()).isEqualTo(2);
      assertThat(paths())
          .contains("POST " + RENEW + " 500")
          .endsWith("GET /api/v3/secrets/raw 200");
    }
  }

  @Test
  void a_token_the_server_expired_early_costs_one_login_and_one_retry() {
    Clock stopped = Clock.fixed(clock.instant(), ZoneOffset.UTC);
    try (InfisicalApi api = start(Faults.none())) {
      InfisicalSecrets secrets = secrets(api, OPTIONS.clientSecret(), stopped);
      secrets.fetch();
      // The server's clock runs ahead of ours: by its reckoning the token died.
      clock.advance(Duration.ofMinutes(11));

      assertThat(secrets.fetch()).containsKey("LATITUDE_API_KEY");
      assertThat(paths())
          .containsExactly(
              "POST " + LOGIN + " 200",
              "GET /api/v3/secrets/raw 200",
              "GET /api/v3/secrets/raw 403",
              "POST " + LOGIN + " 200",
              "GET /api/v3/secrets/raw 200");
    }
  }

  @Test
  void a_second_403_after_the_fresh_login_stands() {
    Faults faults =
        new Faults(1)
            .arm(new Faults.Rule("infisical.GET /api/v3/secrets/raw", "token-expired", 0, 2, 1.0));
    try (InfisicalApi api = start(faults)) {
      InfisicalSecrets secrets = secrets(api, OPTIONS.clientSecret(), clock);

      assertThatThrownBy(secrets::fetch)
          .isInstanceOf(RemoteServiceException.Unauthorized.class)
          .hasMessageContaining("TokenError: Your token has expired");
      assertThat(secrets.session().logins()).isEqualTo(2);
    }
  }

  @Test
  void a_stored_copy_is_deleted_and_deleting_it_again_is_harmless() {
    try (InfisicalApi api = start(Faults.none())) {
      InfisicalSecrets secrets = secrets(api, OPTIONS.clientSecret(), clock);
      secrets.put("IRONKUBE_DEMO_KUBECONFIG_B64", "a2ViZWNvbmZpZw==");
      assertThat(api.secretNames("prod", "/")).contains("IRONKUBE_DEMO_KUBECONFIG_B64");

      secrets.delete("IRONKUBE_DEMO_KUBECONFIG_B64");
      secrets.delete("IRONKUBE_DEMO_KUBECONFIG_B64");

      assertThat(api.secretNames("prod", "/")).doesNotContain("IRONKUBE_DEMO_KUBECONFIG_B64");
      assertThat(api.secretValue("prod", "/", "IRONKUBE_DEMO_KUBECONFIG_B64")).isNull();
    }
  }

  @Test
  void imports_are_included_and_the_path_own_values_win() {
    try (InfisicalApi api = start(Faults.none())) {
      api.putSecret("prod", "/", "CLUSTER_NAME", "local-name");
      api.putSecret("prod", "/shared", "CLUSTER_NAME", "imported-name");
      api.putSecret("prod", "/shared", "CLOUDFLARE_API_TOKEN", "cf-token-from-import");
      api.putSecret("staging", "/", "SCW_SECRET_KEY", "scw-from-staging");
      api.addImport("prod", "/", "prod", "/shared");
      api.addImport("prod", "/", "staging", "/");

      var values = secrets(api, OPTIONS.clientSecret(), clock).fetch();

      assertThat(values)
          .containsEntry("CLUSTER_NAME", "local-name")
          .containsEntry("CLOUDFLARE_API_TOKEN", "cf-token-from-import")
          .containsEntry("SCW_SECRET_KEY", "scw-from-staging");
      assertThat(log.of("infisical").getLast().query()).contains("include_imports=true");
    }
  }

  @Test
  void server_errors_rate_limits_and_resets_are_retried() {
    Faults faults =
        new Faults(1)
            .arm(Faults.Rule.once("infisical.POST " + LOGIN, "http-500"))
            .arm(Faults.Rule.once("infisical.GET /api/v3/secrets/raw", "429"))
            .arm(Faults.Rule.once("infisical.GET /api/v3/secrets/raw", "reset"));

    try (InfisicalApi api = start(faults)) {
      assertThat(secrets(api, OPTIONS.clientSecret(), clock).fetch())
          .containsKey("LATITUDE_API_KEY");
      assertThat(faults.fired()).hasSize(3);
    }
  }

  @Test
  void credentials_tokens_and_values_never_reach_messages_logs_or_strings() {
    try (InfisicalApi api = start(Faults.none())) {
      InfisicalSecrets good = secrets(api, OPTIONS.clientSecret(), clock);
      good.fetch();
      InfisicalSecrets bad = secrets(api, "bad-client-secret-42", clock);

      assertThatThrownBy(bad::fetch)
          .isInstanceOfSatisfying(
              RemoteServiceException.Unauthorized.class,
              e -> {
                assertThat(e.getMessage()).doesNotContain("bad-client-secret-42");
                assertThat(e.hint()).contains("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET");
              });
      String everything =
          clientLog.toString()
              + clientLog.stream().map(RequestLogEntry::line).toList()
              + log.entries()
              + good
              + good.session()
              + bad
              + new InfCredentials(OPTIONS.clientId(), OPTIONS.clientSecret());
      assertThat(everything)
          .doesNotContain(OPTIONS.clientSecret())
          .doesNotContain(OPTIONS.clientId())
          .doesNotContain("bad-client-secret-42")
          .doesNotContain("lat-secret-value-1")
          .doesNotContain("sim.");
      assertThat(clientLog)
          .filteredOn(e -> e.path().startsWith("/api/v3"))
          .allSatisfy(
              e -> assertThat(e.requestHeaders()).containsEntry("Authorization", "[REDACTED]"));
    }
  }
}
