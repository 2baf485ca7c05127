package dev.ironkube.talos.api;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;

/**
 * Our trust manager refused the node's certificate after parsing it. Thrown only by {@link
 * TalosTls}'s verifying trust manager, so a certificate failure of any other type in a handshake
 * means the certificate never reached verification: it could not be parsed.
 */
final class NodeCertificateRejected extends CertificateException {
  enum Reason {
    /** It does not chain to the OS CA in the talosconfig. */
    UNTRUSTED_ISSUER,
    /** Expired or not yet valid: the node's clock or ours is off. */
    VALIDITY,
    /** It chains, but the address we dialled is not among its SANs (or its usage is wrong). */
    NAME_OR_USAGE
  }

  private final Reason reason;

  NodeCertificateRejected(CertificateException cause) {
    super(cause.getMessage(), cause);
    this.reason = classify(cause);
  }

  Reason reason() {
    return reason;
  }

  private static Reason classify(CertificateException e) {
    if (e instanceof CertificateExpiredException || e instanceof CertificateNotYetValidException) {
      return Reason.VALIDITY;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException
          || t instanceof CertificateNotYetValidException) {
        return Reason.VALIDITY;
      }
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
        return Reason.UNTRUSTED_ISSUER;
      }
    }
    return Reason.NAME_OR_USAGE;
  }
}
