package dev.ironkube.talos.pki;

import java.security.SecureRandom;
import java.util.Base64;

/** The random values of a secrets bundle, drawn the way talosctl draws them. */
final class Tokens {
  private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

  private Tokens() {}

  /** A Kubernetes bootstrap-token shaped value, {@code [a-z0-9]{6}.[a-z0-9]{16}}. */
  static String bootstrapToken(SecureRandom random) {
    return randomString(random, 6) + "." + randomString(random, 16);
  }

  /** Standard base64 (with padding) of 32 random bytes. */
  static String secret32(SecureRandom random) {
    return Base64.getEncoder().encodeToString(bytes(random, 32));
  }

  /** URL-safe base64 (with padding) of 32 random bytes: the cluster id form. */
  static String clusterId(SecureRandom random) {
    return Base64.getUrlEncoder().encodeToString(bytes(random, 32));
  }

  private static String randomString(SecureRandom random, int length) {
    StringBuilder out = new StringBuilder(length);
    while (out.length() < length) {
      int b = random.nextInt(256);
      // 252 is the largest multiple of 36 below 256; dropping the rest keeps the draw unbiased.
      if (b < 252) {
        out.append(ALPHABET.charAt(b % ALPHABET.length()));
      }
    }
    return out.toString();
  }

  private static byte[] bytes(SecureRandom random, int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }
}
