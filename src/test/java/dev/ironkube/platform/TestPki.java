package dev.ironkube.platform;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A cluster CA and an admin client certificate, P-256 like Talos's Kubernetes PKI, with the admin
 * kubeconfig built from them. Keys are written as SEC1 "EC PRIVATE KEY", as Talos writes them.
 */
public final class TestPki {
  public final String caCertPem;
  public final String caKeyPem;
  private final X509Certificate caCert;
  private final KeyPair caKeys;

  private TestPki(KeyPair caKeys, X509Certificate caCert) {
    this.caKeys = caKeys;
    this.caCert = caCert;
    this.caCertPem = pem(caCert);
    this.caKeyPem = sec1(caKeys);
  }

  public static TestPki create() {
    try {
      KeyPair keys = generate();
      Instant now = Instant.now();
      X500Name name = new X500Name("O=kubernetes,CN=kubernetes");
      var builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(3650))),
              name,
              keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature));
      X509Certificate ca =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      return new TestPki(keys, ca);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An admin kubeconfig for {@code server}, with a client certificate in {@code organization}. */
  public String kubeconfig(String server, String organization) {
    try {
      KeyPair client = generate();
      Instant now = Instant.now();
      var builder =
          new JcaX509v3CertificateBuilder(
              X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()),
              new BigInteger(64, new SecureRandom()),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(365))),
              new X500Name("O=" + organization + ",CN=admin"),
              client.getPublic());
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
      return """
          apiVersion: v1
          kind: Config
          clusters:
            - name: test
              cluster:
                server: %s
                certificate-authority-data: %s
          users:
            - name: admin@test
              user:
                client-certificate-data: %s
                client-key-data: %s
          contexts:
            - name: admin@test
              context:
                cluster: test
                user: admin@test
                namespace: default
          current-context: admin@test
          """
          .formatted(server, b64(caCertPem), b64(pem(cert)), b64(sec1(client)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static String b64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
  }

  /** SEC1 with the curve OID and public key, the "EC PRIVATE KEY" form Talos writes. */
  private static String sec1(KeyPair keys) {
    try {
      var info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
      var inner = ECPrivateKey.getInstance(info.parsePrivateKey());
      var curve = (ASN1ObjectIdentifier) info.getPrivateKeyAlgorithm().getParameters();
      var spki = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
      var full = new ECPrivateKey(256, inner.getKey(), spki.getPublicKeyData(), curve);
      return pem(new PemObject("EC PRIVATE KEY", full.getEncoded()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(Object o) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(o instanceof PemObject p ? p : new JcaMiscPEMGenerator(o));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
