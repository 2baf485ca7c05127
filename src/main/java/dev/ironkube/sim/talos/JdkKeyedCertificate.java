package dev.ironkube.sim.talos;

import java.math.BigInteger;
import java.security.Principal;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate the JDK cannot parse (an empty issuer) that the JDK's TLS server must still
 * present. BouncyCastle parses it, but its key objects name Ed25519 "Ed25519" where the JDK's key
 * manager looks for "EdDSA", so the server would find no certificate for the handshake; this
 * answers with the JDK's own public key and leaves everything else, the DER bytes included, to
 * BouncyCastle's parse.
 */
final class JdkKeyedCertificate extends X509Certificate {
  private final X509Certificate parsed;
  private final PublicKey jdkKey;

  JdkKeyedCertificate(X509Certificate parsed, PublicKey jdkKey) {
    this.parsed = parsed;
    this.jdkKey = jdkKey;
  }

  @Override
  public PublicKey getPublicKey() {
    return jdkKey;
  }

  @Override
  public byte[] getEncoded() throws CertificateEncodingException {
    return parsed.getEncoded();
  }

  @Override
  public void verify(PublicKey key) throws CertificateException {
    throw new CertificateException("the simulator's maintenance certificate is never verified");
  }

  @Override
  public void verify(PublicKey key, String sigProvider) throws CertificateException {
    verify(key);
  }

  @Override
  public String toString() {
    return parsed.toString();
  }

  @Override
  public void checkValidity() throws CertificateExpiredException, CertificateNotYetValidException {
    parsed.checkValidity();
  }

  @Override
  public void checkValidity(Date date)
      throws CertificateExpiredException, CertificateNotYetValidException {
    parsed.checkValidity(date);
  }

  @Override
  public int getVersion() {
    return parsed.getVersion();
  }

  @Override
  public BigInteger getSerialNumber() {
    return parsed.getSerialNumber();
  }

  @Override
  @SuppressWarnings("deprecation")
  public Principal getIssuerDN() {
    return parsed.getIssuerX500Principal();
  }

  @Override
  public X500Principal getIssuerX500Principal() {
    return parsed.getIssuerX500Principal();
  }

  @Override
  @SuppressWarnings("deprecation")
  public Principal getSubjectDN() {
    return parsed.getSubjectX500Principal();
  }

  @Override
  public X500Principal getSubjectX500Principal() {
    return parsed.getSubjectX500Principal();
  }

  @Override
  public Date getNotBefore() {
    return parsed.getNotBefore();
  }

  @Override
  public Date getNotAfter() {
    return parsed.getNotAfter();
  }

  @Override
  public byte[] getTBSCertificate() throws CertificateEncodingException {
    return parsed.getTBSCertificate();
  }

  @Override
  public byte[] getSignature() {
    return parsed.getSignature();
  }

  @Override
  public String getSigAlgName() {
    return parsed.getSigAlgName();
  }

  @Override
  public String getSigAlgOID() {
    return parsed.getSigAlgOID();
  }

  @Override
  public byte[] getSigAlgParams() {
    return parsed.getSigAlgParams();
  }

  @Override
  public boolean[] getIssuerUniqueID() {
    return parsed.getIssuerUniqueID();
  }

  @Override
  public boolean[] getSubjectUniqueID() {
    return parsed.getSubjectUniqueID();
  }

  @Override
  public boolean[] getKeyUsage() {
    return parsed.getKeyUsage();
  }

  @Override
  public List<String> getExtendedKeyUsage() throws CertificateParsingException {
    return parsed.getExtendedKeyUsage();
  }

  @Override
  public int getBasicConstraints() {
    return parsed.getBasicConstraints();
  }

  @Override
  public Collection<List<?>> getSubjectAlternativeNames() throws CertificateParsingException {
    return parsed.getSubjectAlternativeNames();
  }

  @Override
  public boolean hasUnsupportedCriticalExtension() {
    return parsed.hasUnsupportedCriticalExtension();
  }

  @Override
  public Set<String> getCriticalExtensionOIDs() {
    return parsed.getCriticalExtensionOIDs();
  }

  @Override
  public Set<String> getNonCriticalExtensionOIDs() {
    return parsed.getNonCriticalExtensionOIDs();
  }

  @Override
  public byte[] getExtensionValue(String oid) {
    return parsed.getExtensionValue(oid);
  }
}
