package dev.ironkube.talos.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RsaKeyGeneratorTest {
  private static final BigInteger ONE = BigInteger.ONE;

  /**
   * The key a bundle gets when no {@link ServiceAccountKeySource} is registered (the shipped jar):
   * one search covers both the generator and that choice.
   */
  @Test
  void keysMeetTheConditionsOfTheJdkGenerator() {
    KeyPair pair = ServiceAccountKeys.start(Optional.empty(), new SecureRandom()).join();
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) pair.getPrivate();
    BigInteger p = key.getPrimeP();
    BigInteger q = key.getPrimeQ();
    BigInteger e = key.getPublicExponent();
    BigInteger n = key.getModulus();

    assertThat(n.bitLength()).isEqualTo(4096);
    assertThat(p.multiply(q)).isEqualTo(n);
    assertThat(e).isEqualTo(BigInteger.valueOf(65537));
    assertThat(p.isProbablePrime(100)).isTrue();
    assertThat(q.isProbablePrime(100)).isTrue();
    BigInteger min = ONE.shiftLeft(4095).sqrt();
    assertThat(p).isGreaterThan(min);
    assertThat(q).isGreaterThan(min);
    assertThat(p.subtract(q).abs()).isGreaterThan(ONE.shiftLeft(2048 - 100));
    BigInteger p1 = p.subtract(ONE);
    BigInteger q1 = q.subtract(ONE);
    assertThat(e.gcd(p1)).isEqualTo(ONE);
    assertThat(e.gcd(q1)).isEqualTo(ONE);
    BigInteger lcm = p1.multiply(q1).divide(p1.gcd(q1));
    BigInteger d = key.getPrivateExponent();
    assertThat(e.multiply(d).mod(lcm)).isEqualTo(ONE);
    assertThat(d).isGreaterThan(ONE.shiftLeft(2048));
    assertThat(key.getPrimeExponentP()).isEqualTo(d.mod(p1));
    assertThat(key.getPrimeExponentQ()).isEqualTo(d.mod(q1));
    assertThat(key.getCrtCoefficient().multiply(q).mod(p)).isEqualTo(ONE);
    assertThat(((RSAPublicKey) pair.getPublic()).getModulus()).isEqualTo(n);
  }

  @Test
  void keysSignVerifyAndSurviveTheTalosPemRoundTrip() throws Exception {
    KeyPair pair = KeyType.RSA_4096.generate(new SecureRandom());
    byte[] data = "service account token".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(pair.getPrivate());
    signer.update(data);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(pair.getPublic());
    verifier.update(data);
    assertThat(verifier.verify(signature)).isTrue();

    String pem = TalosPem.privateKey(pair.getPrivate());
    assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(TalosPem.parsePrivateKey(pem).getEncoded())
        .isEqualTo(pair.getPrivate().getEncoded());
    KeyFactory factory = KeyFactory.getInstance("RSA");
    assertThat(factory.generatePrivate(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded())))
        .isEqualTo(pair.getPrivate());
  }

  @Test
  void theLosingWorkersStopOnceTheKeyIsMade() throws Exception {
    RsaKeyGenerator.generate(2048, new SecureRandom());
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (workersAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(workersAlive()).as("rsa-prime threads still running").isFalse();
  }

  @Test
  void rejectsOddOrSmallSizes() {
    assertThatThrownBy(() -> RsaKeyGenerator.generate(1024, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RsaKeyGenerator.generate(4097, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static boolean workersAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().startsWith("rsa-prime-") && t.isAlive());
  }
}
