package dev.ironkube.sim.talos;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.talos.api.PemKeys;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * PEM decoding for the fake with errors as IllegalArgumentException, which the validator turns into
 * field problems. Key text never appears in a message.
 */
final class PemBlocks {
  private PemBlocks() {}

  static X509Certificate certificate(String pem) {
    try {
      return PemKeys.certificates(pem).get(0);
    } catch (UserInputException e) {
      throw new IllegalArgumentException("not a PEM certificate");
    }
  }

  static PrivateKey privateKey(String pem) {
    try {
      return PemKeys.privateKey(pem);
    } catch (UserInputException e) {
      throw new IllegalArgumentException("not a usable PEM private key");
    }
  }

  /** Whether the key belongs to the certificate: sign a probe and verify with the cert. */
  static boolean matches(X509Certificate cert, PrivateKey key) {
    try {
      String alg = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : key.getAlgorithm();
      if (alg.equals("RSA")) {
        alg = "SHA256withRSA";
      }
      byte[] probe = "ironkube".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(alg);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(alg);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (Exception e) {
      return false;
    }
  }
}
