package dev.ironkube.talos.api;

import java.security.cert.CertificateException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/**
 * What a failed TLS handshake says about the node, read from exception types (never message text):
 * the difference between "not answering" and "answering with a certificate we refuse", and between
 * a state that heals by waiting and one that does not.
 */
record TlsFailure(Kind kind, String detail) {
  enum Kind {
    /** The TLS stack could not decode the node's certificate; the trust check never ran. */
    CERTIFICATE_UNPARSABLE,
    /** It parsed but does not chain to the OS CA we trust. */
    UNTRUSTED_ISSUER,
    /** It chains, but does not name the address we dialled (or is not for a server). */
    NAME_OR_USAGE,
    /** Expired or not yet valid: a clock is off. */
    VALIDITY,
    /** The node ended the handshake with an alert (e.g. it wants a client certificate). */
    REFUSED_BY_NODE,
    /** Anything else that broke the handshake. */
    OTHER
  }

  /** Empty when the failure has no TLS handshake in it (cause chains and suppressed included). */
  static Optional<TlsFailure> of(Throwable failure) {
    Set<Throwable> all = everything(failure);
    SSLException ssl = null;
    for (Throwable t : all) {
      if (t instanceof SSLException s) {
        ssl = s;
      }
    }
    if (ssl == null) {
      return Optional.empty();
    }
    for (Throwable t : all) {
      if (t instanceof NodeCertificateRejected r) {
        Kind kind =
            switch (r.reason()) {
              case UNTRUSTED_ISSUER -> Kind.UNTRUSTED_ISSUER;
              case VALIDITY -> Kind.VALIDITY;
              case NAME_OR_USAGE -> Kind.NAME_OR_USAGE;
            };
        return Optional.of(new TlsFailure(kind, r.getMessage()));
      }
    }
    for (Throwable t : all) {
      if (t instanceof TlsFatalAlertReceived) {
        return Optional.of(new TlsFailure(Kind.REFUSED_BY_NODE, t.getMessage()));
      }
    }
    for (Throwable t : all) {
      // Our trust managers wrap every refusal, so a certificate failure of another type (the
      // JDK's "Empty issuer DN not allowed", BouncyCastle's refusal) happened while decoding.
      if (t instanceof CertificateException) {
        return Optional.of(new TlsFailure(Kind.CERTIFICATE_UNPARSABLE, t.getMessage()));
      }
      if (t instanceof TlsFatalAlert alert && decodingAlert(alert.getAlertDescription())) {
        return Optional.of(new TlsFailure(Kind.CERTIFICATE_UNPARSABLE, t.getMessage()));
      }
    }
    return Optional.of(new TlsFailure(Kind.OTHER, deepestMessage(ssl)));
  }

  /** For progress lines: what failed, in a few words. */
  String describe() {
    String what =
        switch (kind) {
          case CERTIFICATE_UNPARSABLE -> "the node's certificate cannot be parsed";
          case UNTRUSTED_ISSUER -> "the node's certificate is not from the OS CA we trust";
          case NAME_OR_USAGE -> "the node's certificate does not name the address we dialled";
          case VALIDITY -> "the node's certificate is expired or not yet valid (clock skew?)";
          case REFUSED_BY_NODE -> "the node refused the handshake";
          case OTHER -> "the handshake failed";
        };
    return detail == null || detail.isBlank() ? what : what + " (" + detail + ")";
  }

  private static boolean decodingAlert(short description) {
    return description == AlertDescription.bad_certificate
        || description == AlertDescription.unsupported_certificate
        || description == AlertDescription.decode_error;
  }

  private static Set<Throwable> everything(Throwable failure) {
    Set<Throwable> seen = new LinkedHashSet<>();
    Deque<Throwable> todo = new ArrayDeque<>();
    todo.add(failure);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (t == null || !seen.add(t)) {
        continue;
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      todo.addAll(List.of(t.getSuppressed()));
    }
    return seen;
  }

  private static String deepestMessage(Throwable t) {
    String message = t.getMessage();
    for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
      if (c.getMessage() != null) {
        message = c.getMessage();
      }
    }
    return message;
  }
}
