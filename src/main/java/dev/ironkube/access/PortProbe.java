package dev.ironkube.access;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Asks from outside whether a TLS port still answers, the way an attacker would see it: a fresh TCP
 * connection and a TLS ClientHello with a short timeout. The port "answers" when a server
 * certificate came back; a refused, dropped (timeout) or reset connection does not. Nothing is
 * trusted or sent beyond the handshake, so no credential is involved.
 */
public final class PortProbe {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  private final Duration timeout;
  private final InetAddress localAddress;

  public PortProbe() {
    this(DEFAULT_TIMEOUT, null);
  }

  /**
   * @param timeout for the connect and for the handshake each
   * @param localAddress the source address to connect from, or null for the system's choice; tests
   *     use it to play the node network against the operator on loopback
   */
  public PortProbe(Duration timeout, InetAddress localAddress) {
    this.timeout = timeout;
    this.localAddress = localAddress;
  }

  public boolean answers(String host, int port) {
    int millis = (int) Math.max(1, timeout.toMillis());
    AtomicBoolean certificateSeen = new AtomicBoolean();
    try (Socket raw = new Socket()) {
      if (localAddress != null) {
        raw.bind(new InetSocketAddress(localAddress, 0));
      }
      raw.connect(new InetSocketAddress(host, port), millis);
      raw.setSoTimeout(millis);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new X509ExtendedTrustManager[] {new Recording(certificateSeen)}, null);
      try (SSLSocket socket =
          (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, false)) {
        socket.startHandshake();
      }
    } catch (SocketTimeoutException e) {
      return certificateSeen.get();
    } catch (IOException e) {
      // A handshake that fails after the certificate arrived (the server wants a client
      // certificate we do not send) still proves the port answers. So does a certificate the JDK
      // cannot even decode: Talos' maintenance certificate has an empty issuer DN, which the
      // JDK's parser refuses before any trust manager sees it (a CertificateException cause).
      return certificateSeen.get() || certificateArrived(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no TLS context", e);
    }
    return true;
  }

  private static boolean certificateArrived(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CertificateException) {
        return true;
      }
    }
    return false;
  }

  /** Accepts anything and remembers that a server certificate arrived. */
  private static final class Recording extends X509ExtendedTrustManager {
    private final AtomicBoolean seen;

    Recording(AtomicBoolean seen) {
      this.seen = seen;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      seen.set(true);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      seen.set(true);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      seen.set(true);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
