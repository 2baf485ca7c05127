package dev.ironkube.talos.pki;

import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * What differs between the certificates Talos issues: subject, lifetime, CA flag, key usage bits
 * (as {@link org.bouncycastle.asn1.x509.KeyUsage} constants), extended key usages and SANs.
 */
record CertificateSpec(
    X500Name subject,
    Duration lifetime,
    boolean ca,
    int keyUsage,
    List<KeyPurposeId> extendedKeyUsage,
    List<GeneralName> subjectAltNames) {

  CertificateSpec {
    extendedKeyUsage = List.copyOf(extendedKeyUsage);
    subjectAltNames = List.copyOf(subjectAltNames);
  }
}
