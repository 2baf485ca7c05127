package dev.ironkube.dns.cloudflare;

import dev.ironkube.dns.DesiredARecord;
import dev.ironkube.dns.DnsRecord;

/**
 * What a create (POST) or overwrite (PUT) sends. PUT replaces the whole record, so every field
 * ironkube cares about is always sent; a null comment is left out, which a PUT takes as none.
 */
public record CfRecordBody(
    String type, String name, String content, int ttl, boolean proxied, String comment) {

  public CfRecordBody(String type, String name, String content, int ttl, boolean proxied) {
    this(type, name, content, ttl, proxied, null);
  }

  static CfRecordBody of(DesiredARecord desired) {
    return new CfRecordBody(
        "A",
        desired.name(),
        desired.address(),
        desired.ttlSeconds(),
        desired.proxied(),
        desired.comment());
  }

  /** A record put back as it was: same type, name, content, TTL, proxying and comment. */
  static CfRecordBody of(DnsRecord previous) {
    return new CfRecordBody(
        previous.type(),
        previous.name(),
        previous.content(),
        previous.ttlSeconds(),
        previous.proxied(),
        previous.comment());
  }
}
