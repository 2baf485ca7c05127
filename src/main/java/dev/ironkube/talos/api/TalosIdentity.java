package dev.ironkube.talos.api;

import dev.ironkube.failure.UserInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The admin identity a talosconfig context carries: the OS CA certificate the node's apid cert
 * chains to, and the client certificate and key (O=os:admin) presented to it. All three are PEM
 * text; the key may use Talos's {@code ED25519 PRIVATE KEY} label.
 */
public record TalosIdentity(String caPem, String certPem, String keyPem) {

  /** From the base64 fields of a talosconfig context ({@code ca}, {@code crt}, {@code key}). */
  public static TalosIdentity fromTalosconfigFields(String ca, String crt, String key) {
    return new TalosIdentity(decode("ca", ca), decode("crt", crt), decode("key", key));
  }

  private static String decode(String field, String base64) {
    try {
      return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      // The value itself is secret for "key"; name only the field.
      throw new UserInputException(
          "talosconfig field '" + field + "' is not valid base64",
          "regenerate the talosconfig from the persisted secrets bundle");
    }
  }

  /** Never prints key material, even by accident in a log line. */
  @Override
  public String toString() {
    return "TalosIdentity[ca=<pem>, cert=<pem>, key=<redacted>]";
  }
}
