package dev.ironkube.sim.talos;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.Properties;

/**
 * The maintenance-mode certificates exactly as Talos builds them, modelled from source:
 *
 * <ul>
 *   <li>The root: siderolabs/talos {@code internal/app/machined/pkg/controllers/secrets/
 *       maintenance_root.go} (v1.11.6, v1.12.11, v1.13.9) calls siderolabs/crypto {@code
 *       x509.NewSelfSignedCertificateAuthority()} with no options (ECDSA only in FIPS mode on
 *       1.11/1.12). crypto v0.6.4 {@code x509/certificate_authority.go} puts only {@code
 *       opts.Organizations} (none) into the subject, so subject and issuer are the empty name; key
 *       usage certSign|digitalSignature, EKU serverAuth+clientAuth, CA:true, a random 20-byte
 *       subject key id, 24 h validity from now ({@code x509/options.go}, {@code constants.go}).
 *   <li>The leaf: {@code secrets/maintenance.go} (1.11, 1.12) and {@code secrets/api.go}
 *       reconcileMaintenance (1.13) call {@code x509.NewKeyPair(ca, IPAddresses, DNSNames,
 *       CommonName("maintenance-service.talos.dev"), NotAfter(now+24h), KeyUsage(digitalSignature),
 *       ExtKeyUsage(serverAuth))}: a fresh key of the CA's kind, subject CN only, issuer copied
 *       from the CA (empty), no basic constraints ({@code x509/certificate.go}
 *       NewCertificateFromCSR). SANs come from {@code maintenance_cert_sans.go}: the node's
 *       addresses, 127.0.0.1 and ::1 (sorted), the hostname.
 *   <li>Go's encoder ({@code crypto/x509} CreateCertificate / buildCertExtensions) decides the
 *       bytes: extensions in the order key usage (critical), EKU, basic constraints (critical),
 *       subject key id, authority key id (only when issuer and subject differ), SANs (DNS names
 *       before IPs, IPv4 in 4 bytes); the CN as a PrintableString; validity in whole seconds.
 * </ul>
 *
 * The certificate is assembled from ASN.1 parts rather than with X509v3CertificateBuilder, which
 * refuses an empty issuer from BouncyCastle 1.85 on.
 */
final class MaintenanceCertificates {
  /** {@code constants.MaintenanceServiceCommonName} in pkg/machinery/constants/constants.go. */
  static final String COMMON_NAME = "maintenance-service.talos.dev";

  /** {@code x509.DefaultCertificateValidityDuration} in siderolabs/crypto x509/constants.go. */
  static final Duration VALIDITY = Duration.ofHours(24);

  /** BouncyCastle's switch for certificates with an empty issuer (1.85 on refuse them). */
  private static final String ALLOW_EMPTY_ISSUER = "org.bouncycastle.x509.allow_empty_issuer_cert";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Used only as a certificate parser, never installed in the JVM's provider list. */
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  /** The node's key kind: Ed25519 by default, ECDSA P-256 when the node runs in FIPS mode. */
  enum KeyKind {
    ED25519,
    ECDSA_P256
  }

  /** The maintenance root and the serving leaf it signed; the server presents the leaf alone. */
  record Pair(SimPki.Issued root, SimPki.Issued server) {}

  private MaintenanceCertificates() {}

  static Pair issue(KeyKind kind, List<InetAddress> nodeAddresses, List<String> dnsNames) {
    try {
      Instant now = Instant.now();
      KeyPair rootKeys = generate(kind);
      byte[] rootKeyId = new byte[20];
      RANDOM.nextBytes(rootKeyId);
      List<Extension> rootExtensions =
          List.of(
              new Extension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature).getEncoded()),
              new Extension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(
                          new KeyPurposeId[] {
                            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                          })
                      .getEncoded()),
              new Extension(
                  Extension.basicConstraints, true, new BasicConstraints(true).getEncoded()),
              new Extension(
                  Extension.subjectKeyIdentifier,
                  false,
                  new DEROctetString(rootKeyId).getEncoded()));
      DERSequence empty = new DERSequence();
      X509Certificate root =
          certificate(empty, empty, now, rootKeys.getPublic(), rootExtensions, rootKeys);

      KeyPair leafKeys = generate(kind);
      List<Extension> leafExtensions =
          List.of(
              new Extension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature).getEncoded()),
              new Extension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth).getEncoded()),
              new Extension(
                  Extension.authorityKeyIdentifier,
                  false,
                  new AuthorityKeyIdentifier(rootKeyId).getEncoded()),
              new Extension(
                  Extension.subjectAlternativeName,
                  false,
                  sans(sortedIps(nodeAddresses), dnsNames.stream().sorted().distinct().toList())
                      .getEncoded()));
      X509Certificate leaf =
          certificate(
              empty, commonName(COMMON_NAME), now, leafKeys.getPublic(), leafExtensions, rootKeys);
      return new Pair(
          new SimPki.Issued(root, rootKeys.getPrivate()),
          new SimPki.Issued(leaf, leafKeys.getPrivate()));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("issuing the maintenance certificates failed", e);
    }
  }

  private static KeyPair generate(KeyKind kind) throws GeneralSecurityException {
    if (kind == KeyKind.ECDSA_P256) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    }
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  /** The node's addresses, then 127.0.0.1 and ::1, deduplicated and sorted as netip sorts. */
  static List<InetAddress> sortedIps(List<InetAddress> nodeAddresses) {
    List<InetAddress> ips = new ArrayList<>(nodeAddresses);
    ips.add(SanNames.ip("127.0.0.1"));
    ips.add(SanNames.ip("::1"));
    // netip.Addr.Compare: IPv4 (shorter) before IPv6, then bytes as unsigned.
    Comparator<InetAddress> order =
        Comparator.<InetAddress>comparingInt(a -> a.getAddress().length)
            .thenComparing(InetAddress::getAddress, Arrays::compareUnsigned);
    return ips.stream().distinct().sorted(order).toList();
  }

  private static GeneralNames sans(List<InetAddress> ips, List<String> dnsNames) {
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
    ips.forEach(
        ip ->
            names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress()))));
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  /** Go's pkix.Name{CommonName}: one RDN, the value a PrintableString when it fits one. */
  private static DERSequence commonName(String cn) {
    return new DERSequence(
        new DERSet(new DERSequence(new ASN1Encodable[] {BCStyle.CN, new DERPrintableString(cn)})));
  }

  private static X509Certificate certificate(
      DERSequence issuer,
      DERSequence subject,
      Instant now,
      PublicKey subjectKey,
      List<Extension> extensions,
      KeyPair signer)
      throws GeneralSecurityException, IOException {
    boolean ec = signer.getPrivate().getAlgorithm().equals("EC");
    AlgorithmIdentifier algorithm =
        new AlgorithmIdentifier(
            ec ? X9ObjectIdentifiers.ecdsa_with_SHA256 : EdECObjectIdentifiers.id_Ed25519);
    Instant notBefore = Instant.ofEpochSecond(now.getEpochSecond());
    ASN1EncodableVector tbs = new ASN1EncodableVector();
    tbs.add(new DERTaggedObject(true, 0, new ASN1Integer(2)));
    tbs.add(new ASN1Integer(new BigInteger(128, RANDOM)));
    tbs.add(algorithm);
    tbs.add(issuer);
    tbs.add(
        new DERSequence(
            new ASN1Encodable[] {
              new Time(Date.from(notBefore)), new Time(Date.from(notBefore.plus(VALIDITY)))
            }));
    tbs.add(subject);
    tbs.add(SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded()));
    tbs.add(new DERTaggedObject(true, 3, new DERSequence(extensions.toArray(Extension[]::new))));
    byte[] tbsDer = new DERSequence(tbs).getEncoded();
    Signature signature = Signature.getInstance(ec ? "SHA256withECDSA" : "Ed25519");
    signature.initSign(signer.getPrivate());
    signature.update(tbsDer);
    byte[] der =
        new DERSequence(
                new ASN1Encodable[] {
                  new DERSequence(tbs), algorithm, new DERBitString(signature.sign())
                })
            .getEncoded();
    return new JdkKeyedCertificate(parse(der), subjectKey);
  }

  /**
   * The JDK's parser refuses an empty issuer outright, so BouncyCastle's reads it, allowed to on
   * this thread only (the switch is needed from BouncyCastle 1.85 on and harmless before).
   */
  static X509Certificate parse(byte[] der) throws GeneralSecurityException {
    boolean wasSet = Properties.setThreadOverride(ALLOW_EMPTY_ISSUER, true);
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509", BOUNCY_CASTLE)
              .generateCertificate(new ByteArrayInputStream(der));
    } finally {
      if (!wasSet) {
        Properties.removeThreadOverride(ALLOW_EMPTY_ISSUER);
      }
    }
  }
}
