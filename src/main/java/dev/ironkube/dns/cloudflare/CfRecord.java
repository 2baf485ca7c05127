package dev.ironkube.dns.cloudflare;

import dev.ironkube.dns.DnsRecord;

/**
 * A DNS record as Cloudflare returns it. Only the fields ironkube reads; older answers also carry
 * {@code locked}, {@code zone_id}, {@code zone_name}, the 2025 ones do not, so none is required.
 */
public record CfRecord(
    String id,
    String type,
    String name,
    String content,
    Integer ttl,
    Boolean proxied,
    String comment) {

  DnsRecord toDomain() {
    return new DnsRecord(
        id, type, name, content, ttl == null ? 1 : ttl, Boolean.TRUE.equals(proxied), comment);
  }
}
