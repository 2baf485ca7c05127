package dev.ironkube.talos.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM in the dialect Talos (siderolabs/crypto) writes and reads. Talos labels Ed25519 PKCS#8 keys
 * "ED25519 PRIVATE KEY", writes EC keys as SEC1 with the curve OID and RSA keys as PKCS#1. Java and
 * grpc-netty want PKCS#8 "PRIVATE KEY", so both directions are offered.
 */
public final class TalosPem {
  public static final String ED25519_LABEL = "ED25519 PRIVATE KEY";
  public static final String EC_LABEL = "EC PRIVATE KEY";
  public static final String RSA_LABEL = "RSA PRIVATE KEY";
  public static final String PKCS8_LABEL = "PRIVATE KEY";
  public static final String CERTIFICATE_LABEL = "CERTIFICATE";

  private TalosPem() {}

  public static String certificate(X509Certificate certificate) {
    try {
      return certificate(certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode certificate", e);
    }
  }

  public static String certificate(byte[] der) {
    return write(CERTIFICATE_LABEL, der);
  }

  /** The key with the label and encoding talosctl would write for it. */
  public static String privateKey(PrivateKey key) {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
    try {
      return switch (KeyType.of(key)) {
        case ED25519 -> write(ED25519_LABEL, key.getEncoded());
        case ECDSA_P256 -> write(EC_LABEL, sec1WithCurve(info).getEncoded());
        case RSA_4096 -> write(RSA_LABEL, info.parsePrivateKey().toASN1Primitive().getEncoded());
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** PKCS#8 "PRIVATE KEY", for grpc-netty's SslContextBuilder and other standard tools. */
  public static String privateKeyPkcs8(PrivateKey key) {
    return write(PKCS8_LABEL, key.getEncoded());
  }

  public static X509Certificate parseCertificate(String pem) {
    PemObject block = readSingle(pem, "certificate");
    if (!CERTIFICATE_LABEL.equals(block.getType())) {
      throw new IllegalArgumentException(
          "expected a CERTIFICATE PEM block, got " + block.getType());
    }
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(block.getContent()));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("unreadable certificate: " + e.getMessage(), e);
    }
  }

  /** The DER body of a CERTIFICATE block, without parsing it (see {@link CertAndKey}). */
  public static byte[] certificateDer(String pem) {
    PemObject block = readSingle(pem, "certificate");
    if (!CERTIFICATE_LABEL.equals(block.getType())) {
      throw new IllegalArgumentException(
          "expected a CERTIFICATE PEM block, got " + block.getType());
    }
    return block.getContent();
  }

  /** Reads any of the four private-key forms Talos accepts. */
  public static PrivateKey parsePrivateKey(String pem) {
    PemObject block = readSingle(pem, "private key");
    try {
      PrivateKeyInfo info =
          switch (block.getType()) {
            case ED25519_LABEL, PKCS8_LABEL -> PrivateKeyInfo.getInstance(block.getContent());
            case EC_LABEL -> ecInfo(ECPrivateKey.getInstance(block.getContent()));
            case RSA_LABEL ->
                new PrivateKeyInfo(
                    new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                    RSAPrivateKey.getInstance(block.getContent()));
            default ->
                throw new IllegalArgumentException(
                    "unsupported private key PEM label " + block.getType());
          };
      return KeyFactory.getInstance(jcaAlgorithm(info))
          .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (IOException | GeneralSecurityException | IllegalStateException e) {
      throw new IllegalArgumentException(
          "unreadable " + block.getType() + ": " + e.getMessage(), e);
    }
  }

  /** Standard base64 of the whole PEM text: how Talos embeds PEM in YAML. */
  public static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }

  public static String fromBase64(String value, String what) {
    try {
      return new String(Base64.getDecoder().decode(value.trim()), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not valid base64", e);
    }
  }

  private static ECPrivateKey sec1WithCurve(PrivateKeyInfo info) throws IOException {
    // The JDK's PKCS#8 body omits the curve and public key; Go's ParseECPrivateKey and BC need
    // the curve OID, and talosctl also writes the public key, so rebuild the full SEC1 form.
    ASN1ObjectIdentifier curve =
        ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
    BigInteger d = ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
    X9ECParameters params = ECNamedCurveTable.getByOID(curve);
    byte[] q = params.getG().multiply(d).normalize().getEncoded(false);
    return new ECPrivateKey(
        params.getCurve().getOrder().bitLength(), d, new DERBitString(q), curve);
  }

  private static PrivateKeyInfo ecInfo(ECPrivateKey sec1) throws IOException {
    if (sec1.getParametersObject() == null) {
      throw new IllegalArgumentException("EC PRIVATE KEY has no curve OID");
    }
    ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(sec1.getParametersObject());
    return new PrivateKeyInfo(
        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), sec1);
  }

  private static String jcaAlgorithm(PrivateKeyInfo info) {
    ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
    if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return "Ed25519";
    }
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return "EC";
    }
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return "RSA";
    }
    throw new IllegalArgumentException("unsupported key algorithm OID " + oid);
  }

  private static PemObject readSingle(String pem, String what) {
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      PemObject block = reader.readPemObject();
      if (block == null) {
        throw new IllegalArgumentException("no PEM block found where a " + what + " was expected");
      }
      return block;
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed PEM for a " + what + ": " + e.getMessage(), e);
    }
  }

  private static String write(String label, byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(label, der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Go's encoder ends lines with \n on every platform; so must we for byte-stable bundles.
    return out.toString().replace("\r\n", "\n");
  }
}
