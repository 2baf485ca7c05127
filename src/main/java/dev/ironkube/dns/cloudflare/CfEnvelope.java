package dev.ironkube.dns.cloudflare;

import java.util.List;

/**
 * Cloudflare's answer envelope, on success and failure alike. {@code resultInfo} is only present on
 * lists. Entries of {@code errors} and {@code messages} may be empty objects (a recorded update
 * answer carries {@code [{}]}), so every field of {@link CfMessage} is optional.
 */
public record CfEnvelope<T>(
    Boolean success,
    List<CfMessage> errors,
    List<CfMessage> messages,
    T result,
    CfResultInfo resultInfo) {

  public List<CfMessage> errorList() {
    return errors == null ? List.of() : errors.stream().filter(CfMessage::present).toList();
  }

  public boolean succeeded() {
    return Boolean.TRUE.equals(success);
  }
}
