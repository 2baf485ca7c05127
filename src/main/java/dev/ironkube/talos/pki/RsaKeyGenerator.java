package dev.ironkube.talos.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * RSA key pairs whose two primes are searched for on every core at once. Finding a 2048-bit prime
 * takes a random number of Miller-Rabin tests, so the JDK's generator (one prime after the other,
 * on one thread) takes anywhere from a fraction of a second to several. Here each worker searches
 * on its own and hands in every prime it finds; the first two that make a valid key win and the
 * others stop at their next candidate. With two cores the expected time halves and the long tail
 * shrinks.
 *
 * <p>The key meets the same conditions as the JDK's generator (FIPS 186-4 B.3.3): e = 65537 coprime
 * to p-1 and q-1, both primes above sqrt(2)·2^(bits/2 - 1) so the modulus has exactly the requested
 * length, |p - q| > 2^(bits/2 - 100), and d = e^-1 mod lcm(p-1, q-1) above 2^(bits/2). Primality is
 * {@link BigInteger#isProbablePrime} at certainty 100, the JDK's own level for RSA primes.
 */
final class RsaKeyGenerator {
  private static final BigInteger E = RSAKeyGenParameterSpec.F4;
  private static final int WINDOW = 4096;
  private static final int[] SMALL_PRIMES = oddPrimesBelow(1 << 17);

  private RsaKeyGenerator() {}

  /** A key pair of {@code bits} (even, at least 2048), found with every available core. */
  static KeyPair generate(int bits, SecureRandom random) {
    return start(bits, random).join();
  }

  /** Starts the search on background threads; the caller may do other work meanwhile. */
  static CompletableFuture<KeyPair> start(int bits, SecureRandom random) {
    if (bits < 2048 || bits % 2 != 0) {
      throw new IllegalArgumentException("RSA key size must be even and at least 2048: " + bits);
    }
    int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    Search search = new Search(bits, random);
    for (int i = 0; i < workers; i++) {
      Thread t = new Thread(search::work, "rsa-prime-" + i);
      t.setDaemon(true);
      t.start();
    }
    return search.result;
  }

  /** The shared state of one key's search: the primes found so far and the result. */
  private static final class Search {
    private final int primeBits;
    private final SecureRandom random;
    private final BigInteger min;
    private final BigInteger minDistance;
    private final List<BigInteger> primes = new ArrayList<>();
    private final AtomicBoolean done = new AtomicBoolean();
    final CompletableFuture<KeyPair> result = new CompletableFuture<>();

    Search(int bits, SecureRandom random) {
      this.primeBits = bits / 2;
      this.random = random;
      // floor(sqrt(2^(bits-1))) = sqrt(2)·2^(primeBits-1), rounded down.
      this.min = BigInteger.ONE.shiftLeft(bits - 1).sqrt();
      this.minDistance = BigInteger.ONE.shiftLeft(primeBits - 100);
    }

    void work() {
      try {
        while (!done.get()) {
          BigInteger p = nextPrime();
          if (p != null) {
            offer(p);
          }
        }
      } catch (RuntimeException | Error e) {
        if (done.compareAndSet(false, true)) {
          result.completeExceptionally(e);
        }
      }
    }

    /** Pairs a new prime with each earlier one; completes the result with the first valid key. */
    private void offer(BigInteger p) {
      List<BigInteger> earlier;
      synchronized (primes) {
        earlier = List.copyOf(primes);
        primes.add(p);
      }
      for (BigInteger q : earlier) {
        KeyPair key = keyPair(p, q);
        if (key != null && done.compareAndSet(false, true)) {
          result.complete(key);
          return;
        }
      }
    }

    private KeyPair keyPair(BigInteger a, BigInteger b) {
      if (a.subtract(b).abs().compareTo(minDistance) <= 0) {
        return null;
      }
      BigInteger p = a.max(b);
      BigInteger q = a.min(b);
      BigInteger n = p.multiply(q);
      if (n.bitLength() != primeBits * 2) {
        return null;
      }
      BigInteger p1 = p.subtract(BigInteger.ONE);
      BigInteger q1 = q.subtract(BigInteger.ONE);
      BigInteger lcm = p1.multiply(q1).divide(p1.gcd(q1));
      BigInteger d = E.modInverse(lcm);
      if (d.compareTo(BigInteger.ONE.shiftLeft(primeBits)) <= 0) {
        return null;
      }
      try {
        KeyFactory factory = KeyFactory.getInstance("RSA");
        return new KeyPair(
            factory.generatePublic(new RSAPublicKeySpec(n, E)),
            factory.generatePrivate(
                new RSAPrivateCrtKeySpec(n, E, d, p, q, d.mod(p1), d.mod(q1), q.modInverse(p))));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JDK cannot build RSA keys", e);
      }
    }

    /**
     * One window of {@link #WINDOW} odd candidates from a random start at or above the minimum,
     * sieved by the odd primes below 2^17, then tested in order; the first prime whose p-1 is
     * coprime to e, or null when the window holds none or the search is over.
     */
    private BigInteger nextPrime() {
      BigInteger start;
      do {
        start = new BigInteger(primeBits, random).setBit(primeBits - 1).setBit(0);
      } while (start.compareTo(min) < 0);
      boolean[] composite = new boolean[WINDOW];
      for (int prime : SMALL_PRIMES) {
        int r = start.mod(BigInteger.valueOf(prime)).intValue();
        // start + 2j ≡ 0 (mod prime)  ⇔  j ≡ (prime - r) · 2^-1 (mod prime)
        long first = (long) ((prime - r) % prime) * ((prime + 1) / 2) % prime;
        for (long j = first; j < WINDOW; j += prime) {
          composite[(int) j] = true;
        }
      }
      for (int j = 0; j < WINDOW; j++) {
        if (done.get()) {
          return null;
        }
        if (composite[j]) {
          continue;
        }
        BigInteger candidate = start.add(BigInteger.valueOf(2L * j));
        if (candidate.bitLength() == primeBits
            && !candidate.subtract(BigInteger.ONE).mod(E).equals(BigInteger.ZERO)
            && candidate.isProbablePrime(100)) {
          return candidate;
        }
      }
      return null;
    }
  }

  private static int[] oddPrimesBelow(int limit) {
    boolean[] composite = new boolean[limit];
    List<Integer> out = new ArrayList<>();
    for (int i = 3; i < limit; i += 2) {
      if (!composite[i]) {
        out.add(i);
        for (long m = (long) i * i; m < limit; m += 2L * i) {
          composite[(int) m] = true;
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
