package dev.ironkube.dns.cloudflare;

import dev.ironkube.dns.DesiredARecord;

/**
 * What a create (POST) or overwrite (PUT) sends. PUT replaces the whole record, so every field
 * ironkube cares about is always sent.
 */
public record CfRecordBody(String type, String name, String content, int ttl, boolean proxied) {

  static CfRecordBody of(DesiredARecord desired) {
    return new CfRecordBody(
        "A", desired.name(), desired.address(), desired.ttlSeconds(), desired.proxied());
  }
}
