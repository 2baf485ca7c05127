package dev.ironkube.talos.pki;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/**
 * The key algorithms Talos uses: Ed25519 for the OS CA and its certificates, ECDSA P-256 for the
 * Kubernetes, etcd and aggregator CAs, RSA-4096 for the service-account key.
 */
public enum KeyType {
  ED25519("Ed25519", "Ed25519"),
  ECDSA_P256("EC", "SHA256withECDSA"),
  RSA_4096("RSA", "SHA256withRSA");

  private final String jcaName;
  private final String signatureAlgorithm;

  KeyType(String jcaName, String signatureAlgorithm) {
    this.jcaName = jcaName;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** The JCA signature algorithm a certificate signed by a key of this type uses. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /**
   * A fresh key pair; only the JDK provider is needed. RSA keys are searched for on every core
   * ({@link RsaKeyGenerator}).
   */
  public KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaName);
      switch (this) {
        case ED25519 -> generator.initialize(255, random);
        case ECDSA_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        case RSA_4096 -> {
          return RsaKeyGenerator.generate(4096, random);
        }
      }
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
      throw new IllegalStateException("this JDK cannot generate " + jcaName + " keys", e);
    }
  }

  /**
   * The type of an existing key. Talos issues leaf certificates with a key of the same type as the
   * issuing CA, so callers derive the leaf key type from the CA key.
   */
  public static KeyType of(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "Ed25519", "EdDSA" -> ED25519;
      case "EC" -> ECDSA_P256;
      case "RSA" -> RSA_4096;
      default ->
          throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
    };
  }
}
