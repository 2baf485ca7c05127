package dev.ironkube.talos.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.Validity;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Turns a {@link CertificateSpec} into a signed X.509 v3 certificate, the way Go's x509 does. */
final class CertificateSigner {
  /**
   * NotBefore is moved back by this much: a freshly booted node may not be NTP-synced yet and would
   * otherwise reject a certificate as "not yet valid".
   */
  static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);

  private static final BigInteger SERIAL_LIMIT = BigInteger.ONE.shiftLeft(128);

  private final Clock clock;
  private final SecureRandom random;

  CertificateSigner(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /**
   * Signs with {@code issuer}, or self-signs when {@code issuer} is null. The TBS structure is
   * assembled by hand so extension order and encoding follow Go's x509 exactly.
   */
  CertAndKey sign(CertificateSpec spec, KeyPair subjectKeys, CertAndKey issuer) {
    Instant now = clock.instant();
    PrivateKey signingKey = issuer == null ? subjectKeys.getPrivate() : issuer.requireKey();
    try {
      ContentSigner signer =
          new JcaContentSignerBuilder(KeyType.of(signingKey).signatureAlgorithm())
              .setSecureRandom(random)
              .build(signingKey);
      // The issuer name is copied byte for byte from the CA so chain building matches exactly.
      X500Name issuerName =
          issuer == null
              ? spec.subject()
              : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
      // SEQUENCE { [0] version v3, serial, signature, issuer, validity, subject, spki, [3] exts }
      ASN1EncodableVector fields = new ASN1EncodableVector();
      fields.add(new DERTaggedObject(true, 0, new ASN1Integer(2)));
      fields.add(new ASN1Integer(serial()));
      fields.add(signer.getAlgorithmIdentifier());
      fields.add(issuerName);
      fields.add(
          new Validity(
              new Time(Date.from(now.minus(CLOCK_SKEW_ALLOWANCE))),
              new Time(Date.from(now.plus(spec.lifetime())))));
      fields.add(spec.subject());
      fields.add(SubjectPublicKeyInfo.getInstance(subjectKeys.getPublic().getEncoded()));
      fields.add(new DERTaggedObject(true, 3, extensions(spec, issuer)));
      byte[] tbs = new DERSequence(fields).getEncoded(ASN1Encoding.DER);
      try (OutputStream out = signer.getOutputStream()) {
        out.write(tbs);
      }
      ASN1EncodableVector certificateFields = new ASN1EncodableVector();
      certificateFields.add(ASN1Primitive.fromByteArray(tbs));
      certificateFields.add(signer.getAlgorithmIdentifier());
      certificateFields.add(new DERBitString(signer.getSignature()));
      byte[] der = new DERSequence(certificateFields).getEncoded(ASN1Encoding.DER);
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      return CertAndKey.of(certificate, subjectKeys.getPrivate());
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign certificate for " + spec.subject(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Extensions extensions(CertificateSpec spec, CertAndKey issuer) throws IOException {
    ExtensionsGenerator builder = new ExtensionsGenerator();
    // Same order and criticality as Go's x509: KeyUsage (always critical), EKU, BasicConstraints
    // (critical CA:TRUE on CAs), SubjectKeyIdentifier, AuthorityKeyIdentifier, SANs.
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage()));
    if (!spec.extendedKeyUsage().isEmpty()) {
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(spec.extendedKeyUsage().toArray(KeyPurposeId[]::new)));
    }
    if (spec.ca()) {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      // siderolabs/crypto uses 20 random bytes rather than a hash of the key.
      byte[] keyId = new byte[20];
      random.nextBytes(keyId);
      builder.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId));
    }
    if (issuer != null) {
      byte[] issuerKeyId = subjectKeyId(issuer.certificate());
      if (issuerKeyId != null) {
        // Go copies the parent's SubjectKeyId here; it speeds up chain building in clients.
        builder.addExtension(
            Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerKeyId));
      }
    }
    if (!spec.subjectAltNames().isEmpty()) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(spec.subjectAltNames().toArray(GeneralName[]::new)));
    }
    return builder.generate();
  }

  private static byte[] subjectKeyId(X509Certificate certificate) {
    byte[] wrapped = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    if (wrapped == null) {
      return null;
    }
    return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(wrapped).getOctets())
        .getKeyIdentifier();
  }

  private BigInteger serial() {
    // Random below 2^128 like siderolabs/crypto; zero is not a valid serial, so draw again.
    BigInteger serial;
    do {
      serial = new BigInteger(128, random);
    } while (serial.signum() == 0 || serial.compareTo(SERIAL_LIMIT) >= 0);
    return serial;
  }
}
