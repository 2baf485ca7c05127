package dev.ironkube.talos.pki;

import java.io.ByteArrayInputStream;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate with its private key. The key may be absent where Talos carries only the
 * certificate (a worker's view of a CA).
 *
 * <p>The certificate is kept as DER because bundles written by talosctl contain an aggregator CA
 * with an empty subject and issuer, which both the JDK and BouncyCastle refuse to parse; such a
 * certificate still round-trips byte for byte, only {@link #certificate()} fails on it.
 */
public final class CertAndKey {
  private final byte[] der;
  private final PrivateKey privateKey;
  private final X509Certificate parsed;

  /**
   * {@link #keyPem}, made on first use: an EC key's SEC1 form carries its public point, a scalar
   * multiplication, and every rendered machine config writes the CA keys again (4 % of an
   * end-to-end test run's CPU samples were that multiplication).
   */
  private volatile String keyPem;

  private CertAndKey(byte[] der, X509Certificate parsed, PrivateKey privateKey) {
    this.der = der;
    this.parsed = parsed;
    this.privateKey = privateKey;
  }

  public static CertAndKey of(X509Certificate certificate, PrivateKey privateKey) {
    Objects.requireNonNull(certificate, "certificate");
    try {
      return new CertAndKey(certificate.getEncoded(), certificate, privateKey);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode certificate", e);
    }
  }

  /** From DER; certificates the JDK cannot parse are kept opaque rather than rejected. */
  public static CertAndKey fromDer(byte[] der, PrivateKey privateKey) {
    byte[] copy = der.clone();
    X509Certificate parsed;
    try {
      parsed =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(copy));
    } catch (CertificateException e) {
      parsed = null;
    }
    return new CertAndKey(copy, parsed, privateKey);
  }

  /** The parsed certificate; fails only for certificates Java cannot parse (empty issuer). */
  public X509Certificate certificate() {
    if (parsed == null) {
      throw new IllegalStateException(
          "this certificate has an empty issuer name, which Java's X.509 parser rejects");
    }
    return parsed;
  }

  public boolean parseable() {
    return parsed != null;
  }

  public byte[] certificateDer() {
    return der.clone();
  }

  public Optional<PrivateKey> key() {
    return Optional.ofNullable(privateKey);
  }

  /** The private key, or a clear failure when this pair holds only a certificate. */
  public PrivateKey requireKey() {
    if (privateKey == null) {
      throw new IllegalStateException("no private key for " + describeSubject());
    }
    return privateKey;
  }

  /** PEM "CERTIFICATE". */
  public String certificatePem() {
    return TalosPem.certificate(der);
  }

  /** The key PEM with the label Talos itself writes (see {@link TalosPem#privateKey}). */
  public String keyPem() {
    String pem = keyPem;
    if (pem == null) {
      pem = TalosPem.privateKey(requireKey());
      keyPem = pem;
    }
    return pem;
  }

  /** The key as PKCS#8 "PRIVATE KEY", the only form grpc-netty accepts. */
  public String keyPkcs8Pem() {
    return TalosPem.privateKeyPkcs8(requireKey());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CertAndKey that
        && Arrays.equals(der, that.der)
        && Objects.equals(privateKey, that.privateKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(der);
  }

  /** Never prints key material, so pairs can appear in logs and exception messages. */
  @Override
  public String toString() {
    return "CertAndKey[subject="
        + describeSubject()
        + ", key="
        + (privateKey == null ? "none" : privateKey.getAlgorithm() + " <redacted>")
        + "]";
  }

  private String describeSubject() {
    return parsed == null ? "<empty>" : parsed.getSubjectX500Principal().getName();
  }
}
