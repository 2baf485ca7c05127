package dev.ironkube.dns;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The A record a cluster wants.
 *
 * @param name the fully-qualified name; a trailing dot is dropped and case folded, because
 *     providers match names exactly and a relative name would miss the existing record and create a
 *     duplicate
 * @param address the IPv4 address
 * @param ttlSeconds 1 means "automatic" at Cloudflare; otherwise 60 to 86400
 * @param proxied whether the provider proxies traffic (Cloudflare only); the Talos and Kubernetes
 *     APIs are not HTTP and need it false
 * @param comment the record's comment (the owner's marker), or null; one line of at most 100
 *     characters, Cloudflare's limit on its Free plan
 */
public record DesiredARecord(
    String name, String address, int ttlSeconds, boolean proxied, String comment) {
  /** Cloudflare's comment limit on the Free plan (500 on paid plans). */
  public static final int COMMENT_LIMIT = 100;

  private static final Pattern IPV4 =
      Pattern.compile(
          "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");

  public DesiredARecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    name = normalise(name);
    if (!name.contains(".")) {
      throw new IllegalArgumentException(
          "DNS name '" + name + "' is not fully qualified (expected host.example.com)");
    }
    if (!IPV4.matcher(address).matches()) {
      throw new IllegalArgumentException("'" + address + "' is not an IPv4 address");
    }
    if (ttlSeconds != 1 && (ttlSeconds < 30 || ttlSeconds > 86400)) {
      throw new IllegalArgumentException(
          "TTL must be 1 (automatic) or 30..86400, was " + ttlSeconds);
    }
    if (comment != null
        && (comment.length() > COMMENT_LIMIT || comment.contains("\n") || comment.contains("\r"))) {
      throw new IllegalArgumentException(
          "a DNS record comment is one line of at most " + COMMENT_LIMIT + " characters");
    }
  }

  public DesiredARecord(String name, String address, int ttlSeconds, boolean proxied) {
    this(name, address, ttlSeconds, proxied, null);
  }

  /**
   * A record for a node's real address: not proxied, short TTL so a replaced node is found soon.
   */
  public static DesiredARecord direct(String name, String address) {
    return new DesiredARecord(name, address, 60, false);
  }

  public static String normalise(String name) {
    String trimmed = name.strip().toLowerCase(Locale.ROOT);
    return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
