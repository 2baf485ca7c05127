package dev.ironkube.talos.testing;

import dev.ironkube.talos.api.TalosIdentity;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Test PKI shaped like Talos's secrets bundle (shared/reference/talos.md, sections 3.2 and 4.2): an
 * Ed25519 OS CA with O=talos, an ECDSA P-256 Kubernetes CA, and Ed25519 admin client certificates
 * with EKU clientAuth only. Keys are written in Talos's own PEM labels.
 */
public final class TestPki {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A certificate and key with their PEM forms. */
  public record Pair(X509Certificate certificate, PrivateKey key) {
    public String certPem() {
      return pem(certificate);
    }

    /** Talos's label for Ed25519 ("ED25519 PRIVATE KEY"), PKCS#8 otherwise. */
    public String keyPem() {
      String label = key.getAlgorithm().equals("EC") ? "PRIVATE KEY" : "ED25519 PRIVATE KEY";
      return pem(new PemObject(label, key.getEncoded()));
    }

    public String certBase64() {
      return b64(certPem());
    }

    public String keyBase64() {
      return b64(keyPem());
    }
  }

  private TestPki() {}

  public static Pair osCa() {
    return ca(ed25519(), "O=talos");
  }

  public static Pair k8sCa() {
    return ca(p256(), "O=kubernetes");
  }

  /** The talosconfig identity of an admin (or other roles) issued by {@code ca}. */
  public static TalosIdentity identity(Pair ca, String subject) {
    Pair client = client(ca, subject, KeyPurposeId.id_kp_clientAuth);
    return new TalosIdentity(ca.certPem(), client.certPem(), client.keyPem());
  }

  public static TalosIdentity admin(Pair ca) {
    return identity(ca, "O=os:admin");
  }

  public static Pair client(Pair ca, String subject, KeyPurposeId... usages) {
    try {
      KeyPair pair = ed25519();
      var b = builder(ca.certificate(), new X500Name(subject), pair);
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usages));
      return new Pair(sign(b, ca.key()), pair.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Pair ca(KeyPair pair, String subject) {
    try {
      X500Name name = new X500Name(subject);
      var b =
          new JcaX509v3CertificateBuilder(name, serial(), from(), until(), name, pair.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
      b.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      return new Pair(sign(b, pair.getPrivate()), pair.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JcaX509v3CertificateBuilder builder(
      X509Certificate issuer, X500Name subject, KeyPair pair) {
    return new JcaX509v3CertificateBuilder(
        X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
        serial(),
        from(),
        until(),
        subject,
        pair.getPublic());
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key)
      throws Exception {
    String alg = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519";
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(key)));
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM);
  }

  private static Date from() {
    return Date.from(Instant.now().minus(Duration.ofMinutes(5)));
  }

  private static Date until() {
    return Date.from(Instant.now().plus(Duration.ofDays(365)));
  }

  private static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair p256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }
}
