package dev.ironkube.sim.scaleway;

import java.util.Random;
import java.util.UUID;

/** Random (version 4) UUIDs as Scaleway uses, drawn from a seeded source so runs replay. */
final class ScwIds {
  private final Random random;

  ScwIds(long seed) {
    this.random = new Random(seed);
  }

  synchronized String uuid() {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
