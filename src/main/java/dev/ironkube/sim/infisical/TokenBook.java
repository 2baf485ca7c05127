package dev.ironkube.sim.infisical;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Issued access tokens and when each dies: its TTL, renewable up to the max TTL from login. */
final class TokenBook {
  /** What the server knows of a token. */
  record Issued(Instant loggedIn, Instant expires, Instant maxExpires) {}

  /** Why a token is refused, or OK. */
  enum Check {
    OK,
    UNKNOWN,
    EXPIRED
  }

  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  String issue(Instant now, Duration ttl, Duration maxTtl) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = "sim." + HexFormat.of().formatHex(bytes);
    tokens.put(token, new Issued(now, now.plus(ttl), now.plus(maxTtl)));
    return token;
  }

  Check check(String token, Instant now) {
    Issued issued = token == null ? null : tokens.get(token);
    if (issued == null) {
      return Check.UNKNOWN;
    }
    return now.isBefore(issued.expires()) ? Check.OK : Check.EXPIRED;
  }

  /** Extends the TTL from now, capped at the max; false when the max is reached already. */
  boolean renew(String token, Instant now, Duration ttl) {
    Issued issued = tokens.get(token);
    if (issued == null || !now.isBefore(issued.maxExpires())) {
      return false;
    }
    Instant until = now.plus(ttl);
    tokens.put(
        token,
        new Issued(
            issued.loggedIn(),
            until.isAfter(issued.maxExpires()) ? issued.maxExpires() : until,
            issued.maxExpires()));
    return true;
  }

  Issued get(String token) {
    return tokens.get(token);
  }

  void expire(String token, Instant now) {
    tokens.computeIfPresent(token, (t, i) -> new Issued(i.loggedIn(), now, i.maxExpires()));
  }
}
