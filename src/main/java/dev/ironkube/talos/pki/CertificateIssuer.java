package dev.ironkube.talos.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Issues every certificate ironkube needs: the four cluster CAs, the Talos API admin client
 * certificate for the talosconfig, the Kubernetes admin client certificate for the kubeconfig, and
 * serving certificates (used by the simulated Talos node). Leaf keys always have the type of the
 * issuing CA key, as in Talos.
 */
public final class CertificateIssuer {
  /** Talos CAs live 87600 h (10 years). */
  public static final Duration CA_LIFETIME = Duration.ofHours(87600);

  /** Talos and Kubernetes admin client certificates live 8760 h (1 year). */
  public static final Duration ADMIN_LIFETIME = Duration.ofHours(8760);

  /** The role that grants everything on the Talos API (RBAC reads Subject O values). */
  public static final String TALOS_ADMIN_ROLE = "os:admin";

  private final SecureRandom random;
  private final CertificateSigner signer;

  public CertificateIssuer(Clock clock, SecureRandom random) {
    this.random = random;
    this.signer = new CertificateSigner(clock, random);
  }

  public static CertificateIssuer systemDefault() {
    return new CertificateIssuer(Clock.systemUTC(), new SecureRandom());
  }

  /**
   * A self-signed CA as siderolabs/crypto builds it: critical CA:TRUE, KeyUsage digitalSignature
   * and keyCertSign, EKU serverAuth and clientAuth, random SubjectKeyIdentifier.
   *
   * <p>Upstream's aggregator CA ends up with an empty subject; Java cannot parse such a
   * certificate, so ironkube gives it CN=front-proxy, the name upstream's code asks for.
   *
   * @param organization the O value, or null for none
   * @param commonName the CN value, or null for none
   */
  public CertAndKey selfSignedCa(KeyType type, String organization, String commonName) {
    X500Name subject = name(organization == null ? List.of() : List.of(organization), commonName);
    CertificateSpec spec =
        new CertificateSpec(
            subject,
            CA_LIFETIME,
            true,
            KeyUsage.digitalSignature | KeyUsage.keyCertSign,
            List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth),
            List.of());
    return signer.sign(spec, type.generate(random), null);
  }

  /**
   * The talosconfig client certificate: O=os:admin, no CN, EKU exactly clientAuth (apid rejects
   * anything else), KeyUsage digitalSignature, 1 year.
   */
  public CertAndKey talosAdmin(CertAndKey osCa) {
    return clientCertificate(osCa, null, List.of(TALOS_ADMIN_ROLE), ADMIN_LIFETIME);
  }

  /** The kubeconfig client certificate: CN=admin, O=system:masters, clientAuth, 1 year. */
  public CertAndKey kubernetesAdmin(CertAndKey kubernetesCa) {
    CertificateSpec spec =
        new CertificateSpec(
            name(List.of("system:masters"), "admin"),
            ADMIN_LIFETIME,
            false,
            // Kubernetes' generator asks for keyEncipherment as well, whatever the key type.
            KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
            List.of(KeyPurposeId.id_kp_clientAuth),
            List.of());
    return signer.sign(spec, leafKeys(kubernetesCa), kubernetesCa);
  }

  /** A client certificate with EKU exactly clientAuth; {@code commonName} may be null. */
  public CertAndKey clientCertificate(
      CertAndKey ca, String commonName, List<String> organizations, Duration lifetime) {
    CertificateSpec spec =
        new CertificateSpec(
            name(organizations, commonName),
            lifetime,
            false,
            KeyUsage.digitalSignature,
            List.of(KeyPurposeId.id_kp_clientAuth),
            List.of());
    return signer.sign(spec, leafKeys(ca), ca);
  }

  /**
   * A serving certificate (EKU serverAuth) with IP and DNS SANs, as apid's certificate: CN is the
   * node name, SANs are every address and name clients dial.
   *
   * @param ipAddresses IP literals only; a name here is rejected rather than resolved
   */
  public CertAndKey serverCertificate(
      CertAndKey ca,
      String commonName,
      List<String> ipAddresses,
      List<String> dnsNames,
      Duration lifetime) {
    List<GeneralName> sans = new ArrayList<>();
    for (String ip : ipAddresses) {
      sans.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ipBytes(ip))));
    }
    for (String dns : dnsNames) {
      sans.add(new GeneralName(GeneralName.dNSName, dns));
    }
    int usage = KeyUsage.digitalSignature;
    if (KeyType.of(ca.requireKey()) == KeyType.RSA_4096) {
      usage |= KeyUsage.keyEncipherment;
    }
    CertificateSpec spec =
        new CertificateSpec(
            name(List.of(), commonName),
            lifetime,
            false,
            usage,
            List.of(KeyPurposeId.id_kp_serverAuth),
            sans);
    return signer.sign(spec, leafKeys(ca), ca);
  }

  private KeyPair leafKeys(CertAndKey ca) {
    return KeyType.of(ca.requireKey()).generate(random);
  }

  private static X500Name name(List<String> organizations, String commonName) {
    // Go orders subject attributes O before CN; keep that so subjects compare equal as text.
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    organizations.forEach(o -> builder.addRDN(BCStyle.O, o));
    if (commonName != null) {
      builder.addRDN(BCStyle.CN, commonName);
    }
    return builder.build();
  }

  private static byte[] ipBytes(String ip) {
    if (!ip.matches("[0-9A-Fa-f.:]+")) {
      throw new IllegalArgumentException("not an IP address literal: " + ip);
    }
    try {
      return InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address literal: " + ip, e);
    }
  }
}
