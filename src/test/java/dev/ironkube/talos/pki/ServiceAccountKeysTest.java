package dev.ironkube.talos.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The test classpath registers a committed key as the source (so the suite's clusters skip the
 * search); these cases pin what the product accepts from a source. Without one it searches:
 * RsaKeyGeneratorTest checks that key against the JDK generator's conditions.
 */
class ServiceAccountKeysTest {
  @Test
  void aSourceCannotLowerTheKeySizeOrChangeTheAlgorithm() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair small = rsa.generateKeyPair();
    assertThatThrownBy(() -> ServiceAccountKeys.start(Optional.of(() -> small), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("RSA-4096");
    KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
    assertThatThrownBy(() -> ServiceAccountKeys.start(Optional.of(() -> ec), null))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theTestClasspathsSourceGivesTheSuiteAnRsa4096Key() {
    KeyPair pair = ServiceAccountKeys.start(new SecureRandom()).join();
    assertThat(((RSAPublicKey) pair.getPublic()).getModulus().bitLength()).isEqualTo(4096);
    assertThat(ServiceAccountKeys.start(new SecureRandom()).join()).isSameAs(pair);
  }
}
