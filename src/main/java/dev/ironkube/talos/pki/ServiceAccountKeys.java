package dev.ironkube.talos.pki;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;

/** The service-account key of a new bundle: RSA-4096, as Talos makes it. */
final class ServiceAccountKeys {
  static final int BITS = 4096;

  private ServiceAccountKeys() {}

  /**
   * From the registered {@link ServiceAccountKeySource}, or else searched for on background threads
   * so the caller can make the CAs meanwhile.
   */
  static CompletableFuture<KeyPair> start(SecureRandom random) {
    return start(ServiceLoader.load(ServiceAccountKeySource.class).findFirst(), random);
  }

  static CompletableFuture<KeyPair> start(
      Optional<ServiceAccountKeySource> source, SecureRandom random) {
    return source
        .map(s -> CompletableFuture.completedFuture(checked(s.next())))
        .orElseGet(() -> RsaKeyGenerator.start(BITS, random));
  }

  private static KeyPair checked(KeyPair pair) {
    if (!(pair.getPublic() instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() != BITS) {
      throw new IllegalStateException("a service-account key must be RSA-" + BITS);
    }
    return pair;
  }
}
