package dev.ironkube.dns;

/**
 * A record as the provider holds it.
 *
 * @param id the provider's record id, for updates and deletes
 * @param type "A", "CNAME", ...
 * @param ttlSeconds 1 means automatic
 * @param comment the record's comment, null when it has none; this tool's records carry their
 *     cluster's marker there ({@link DnsOwnership#marker})
 */
public record DnsRecord(
    String id,
    String type,
    String name,
    String content,
    int ttlSeconds,
    boolean proxied,
    String comment) {

  public DnsRecord(
      String id, String type, String name, String content, int ttlSeconds, boolean proxied) {
    this(id, type, name, content, ttlSeconds, proxied, null);
  }

  /** Whether this record already is what {@code desired} asks for. */
  public boolean satisfies(DesiredARecord desired) {
    if (!"A".equals(type)
        || !desired.name().equals(DesiredARecord.normalise(name))
        || !desired.address().equals(content)
        || desired.proxied() != proxied) {
      return false;
    }
    // Cloudflare forces TTL "automatic" on proxied records, so a proxied record's TTL says nothing.
    return proxied || desired.ttlSeconds() == ttlSeconds;
  }
}
