package dev.ironkube.talos.testing;

import dev.ironkube.talos.pki.ServiceAccountKeySource;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;

/**
 * The service-account key of every cluster a test JVM makes (the suite's JVM and the chaos
 * harness's child JVMs, which run on the test classpath): the RSA-4096 key of the committed test
 * bundle, registered in src/test/resources/META-INF/services. Searching for a fresh key costs
 * seconds of CPU per cluster on this machine (half a provision's samples in a profile of
 * ProvisionEndToEndTest); the product still checks this is RSA-4096, and RsaKeyGeneratorTest and
 * JarLaunchIT (the shipped jar, which registers no source) and ServiceAccountKeysTest keep the real
 * search covered.
 */
public final class CommittedServiceAccountKey implements ServiceAccountKeySource {
  /** Read once per JVM; a key pair is immutable, so every cluster may share it. */
  private static final class Holder {
    static final KeyPair PAIR = load();
  }

  @Override
  public KeyPair next() {
    return Holder.PAIR;
  }

  private static KeyPair load() {
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) TestBundles.fixed().serviceAccountKey();
    try {
      return new KeyPair(
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())),
          key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot build RSA keys", e);
    }
  }
}
