package dev.ironkube.sim.latitude;

import java.util.Random;

/**
 * Latitude-style opaque ids: a type prefix and random base-62 characters ({@code sv_LqG158rA60BOg},
 * 13 characters after the prefix as in the recordings). Drawn from a seeded source so a chaos run
 * replays with the same ids.
 */
final class Ids {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private final Random random;

  Ids(long seed) {
    this.random = new Random(seed);
  }

  synchronized String next(String prefix) {
    StringBuilder id = new StringBuilder(prefix).append('_');
    for (int i = 0; i < 13; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  /** A hex string, for values such as Stripe-like subscription ids that only need to look real. */
  synchronized String hex(int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(Character.forDigit(random.nextInt(16), 16));
    }
    return out.toString();
  }
}
