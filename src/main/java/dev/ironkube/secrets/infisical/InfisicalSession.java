package dev.ironkube.secrets.infisical;

import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.settings.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * Holds one access token and keeps it valid: logs in on first use, renews shortly before the TTL
 * runs out, logs in afresh when the max TTL (counted from the first login) would be crossed or a
 * renewal fails, and after a call answered 401/403 logs in again and repeats the call once.
 * Thread-safe; {@link #toString()} carries no token.
 */
public final class InfisicalSession {
  /** Renewal starts this long before expiry at most; shorter TTLs renew at 90 % of their life. */
  static final Duration MAX_MARGIN = Duration.ofSeconds(30);

  private final InfisicalClient client;
  private final InfCredentials credentials;
  private final Clock clock;
  private Secret token;
  private Instant firstLogin;
  private Instant obtained;
  private Duration ttl;
  private Duration maxTtl;
  private int logins;

  public InfisicalSession(InfisicalClient client, InfCredentials credentials, Clock clock) {
    this.client = Objects.requireNonNull(client);
    this.credentials = Objects.requireNonNull(credentials);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * Runs {@code call} with a valid token. A 401/403 means the token died early (expired by the
   * server's clock, revoked, max age reached): one fresh login and one more try, then the failure
   * stands, because a second 403 is a permission problem a third login will not fix.
   */
  public <T> T call(Function<Secret, T> call) {
    Secret current = token();
    try {
      return call.apply(current);
    } catch (RemoteServiceException.Unauthorized rejected) {
      return call.apply(relogin(current));
    }
  }

  /** The current token, after a login or renewal if it is missing or about to expire. */
  public synchronized Secret token() {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(firstLogin.plus(maxTtl).minus(margin(maxTtl)))) {
      login(now);
    } else if (!now.isBefore(obtained.plus(ttl).minus(margin(ttl)))) {
      Duration leftOfMax = Duration.between(now, firstLogin.plus(maxTtl));
      if (leftOfMax.compareTo(ttl) < 0) {
        // A renewal would be cut short at max age: a fresh login gives a full TTL.
        login(now);
      } else {
        renew(now);
      }
    }
    return token;
  }

  /** How many logins this session made; for tests and verbose output. */
  public synchronized int logins() {
    return logins;
  }

  private synchronized Secret relogin(Secret rejected) {
    // Another thread may already have replaced the rejected token.
    if (Objects.equals(token, rejected)) {
      login(clock.instant());
    }
    return token;
  }

  private void login(Instant now) {
    InfAccessToken answer = client.login(credentials);
    logins++;
    firstLogin = now;
    accept(answer, now);
  }

  private void renew(Instant now) {
    try {
      accept(client.renew(token), now);
    } catch (RemoteServiceException refused) {
      // Whatever went wrong with the renewal, a fresh login is the documented way out.
      login(now);
    }
  }

  private void accept(InfAccessToken answer, Instant now) {
    if (answer.accessToken() == null || answer.accessToken().isBlank()) {
      throw new RemoteServiceException.Transient(
          InfisicalErrorDecoder.SERVICE,
          "Infisical answered a login without an access token",
          null);
    }
    token = Secret.of(answer.accessToken());
    obtained = now;
    ttl = Duration.ofSeconds(Math.max(1, answer.expiresIn()));
    long max = answer.accessTokenMaxTTL() > 0 ? answer.accessTokenMaxTTL() : answer.expiresIn();
    maxTtl = Duration.ofSeconds(Math.max(1, max));
  }

  private static Duration margin(Duration lifetime) {
    Duration tenth = lifetime.dividedBy(10);
    return tenth.compareTo(MAX_MARGIN) < 0 ? tenth : MAX_MARGIN;
  }

  @Override
  public String toString() {
    return "InfisicalSession[logins=" + logins() + "]";
  }
}
