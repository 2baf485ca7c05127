package dev.ironkube.sim.talos;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates a simulated node issues for itself once configured: apid's certificate from the
 * applied OS CA, and Kubernetes certificates from the applied k8s CA. Keys follow the issuing CA's
 * algorithm, as Talos does (Ed25519 under an Ed25519 CA, P-256 under EC).
 */
final class SimPki {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A certificate and its private key. */
  record Issued(X509Certificate certificate, PrivateKey key) {}

  private SimPki() {}

  static KeyPair keyPairLike(PublicKey issuerKey) {
    try {
      if (issuerKey.getAlgorithm().equals("EC")) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
      }
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK key generation failed", e);
    }
  }

  /** A serverAuth leaf issued by {@code ca}, as apid's or kube-apiserver's certificate. */
  static Issued server(Issued ca, String commonName, List<InetAddress> ips, List<String> dnsNames) {
    try {
      KeyPair pair = keyPairLike(ca.certificate().getPublicKey());
      var builder =
          builder(
              X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
              new X500Name("CN=" + commonName),
              pair.getPublic(),
              Duration.ofHours(24));
      builder.addExtension(Extension.subjectAlternativeName, false, sans(ips, dnsNames));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      return new Issued(sign(builder, ca.key()), pair.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException("issuing a server certificate failed", e);
    }
  }

  /** A clientAuth leaf issued by {@code ca} with the given subject (e.g. the k8s admin). */
  static Issued client(Issued ca, String subject, Duration lifetime) {
    try {
      KeyPair pair = keyPairLike(ca.certificate().getPublicKey());
      var builder =
          builder(
              X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
              new X500Name(subject),
              pair.getPublic(),
              lifetime);
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      builder.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
      return new Issued(sign(builder, ca.key()), pair.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException("issuing a client certificate failed", e);
    }
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, PublicKey key, Duration lifetime) {
    // Backdated: the simulated clock and the client's may disagree by a little, as real ones do.
    Instant now = Instant.now().minusSeconds(60);
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(127, RANDOM),
        Date.from(now),
        Date.from(now.plus(lifetime)),
        subject,
        key);
  }

  private static GeneralNames sans(List<InetAddress> ips, List<String> dnsNames) {
    List<GeneralName> names = new ArrayList<>();
    ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress())));
    dnsNames.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
      throws Exception {
    String algorithm =
        switch (issuerKey.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "RSA" -> "SHA256withRSA";
          default -> "Ed25519";
        };
    var signer = new JcaContentSignerBuilder(algorithm).build(issuerKey);
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }
}
