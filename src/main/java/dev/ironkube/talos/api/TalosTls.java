package dev.ironkube.talos.api;

import dev.ironkube.net.SingleIdentityKeyManager;
import dev.ironkube.net.TrustAnchors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2SecurityUtil;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.netty.shaded.io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * Client TLS contexts for the Talos API. Never grpc-netty's bundled BoringSSL: it fails handshakes
 * with Ed25519 certificates, which Talos uses for its OS CA, apid and maintenance certificate.
 */
final class TalosTls {
  private TalosTls() {}

  /**
   * Maintenance mode: the node's certificate chains to a root generated at boot that nobody outside
   * knows, so nothing can be verified. This is the only trust-all context in ironkube.
   *
   * <p>BouncyCastle's JSSE, not the JDK's. That root has an empty subject (siderolabs/talos {@code
   * secrets/maintenance_root.go} calls crypto's {@code NewSelfSignedCertificateAuthority()} with no
   * organisation), so the leaf the node presents has an empty issuer DN, and the JDK's X.509 parser
   * refuses it ("Empty issuer DN not allowed in X509Certificates") while decoding the server's
   * Certificate message, before any TrustManager is asked: no trust setting can get past that.
   * BouncyCastle JSSE, given a BouncyCastle JCA provider (used here only, never installed in the
   * JVM), parses certificates with BouncyCastle, which accepts an empty issuer up to 1.84. From
   * 1.85 on BouncyCastle refuses it too unless {@code
   * org.bouncycastle.x509.allow_empty_issuer_cert} is set for the parsing thread: the simulator
   * presents the upstream certificate, so the end-to-end tests fail loudly on such a bump.
   */
  static SslContext maintenance() throws SSLException {
    return SslContextBuilder.forClient()
        .sslProvider(SslProvider.JDK)
        .sslContextProvider(Bouncy.JSSE)
        // The JDK's generator: BouncyCastle's default DRBG can be slow to seed on a busy machine,
        // and the first handshake then misses a short call deadline.
        .secureRandom(new SecureRandom())
        // What GrpcSslContexts sets for the JDK's provider; it refuses to configure any other.
        .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
        .applicationProtocolConfig(
            new ApplicationProtocolConfig(
                ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                ApplicationProtocolNames.HTTP_2))
        .trustManager(new AcceptAnyServer())
        .build();
  }

  /**
   * Configured node: verify apid against the OS CA and the dialled address against its SANs (grpc
   * asks for HTTPS endpoint identification), strictly, with the JDK's provider and PKIX checks.
   * Refusals come out as {@link NodeCertificateRejected}, so a wait can tell a certificate from the
   * wrong CA (final) from one it could not even parse (the node still in maintenance).
   */
  static SslContext mutual(TalosIdentity identity) throws SSLException {
    List<X509Certificate> ca = PemKeys.certificates(identity.caPem());
    List<X509Certificate> chain = PemKeys.certificates(identity.certPem());
    return GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
        .trustManager(new RejectionNaming(pkix(ca)))
        // Held as is: netty would put the key into a PKCS12 store (PBKDF2 both ways, ~50 ms).
        .keyManager(new SingleIdentityKeyManager(PemKeys.privateKey(identity.keyPem()), chain))
        .build();
  }

  /**
   * Built once, on first use: a provider takes long to set up and is never changed after. Neither
   * is installed in the JVM's provider list, so nothing else in the process sees them.
   */
  private static final class Bouncy {
    /**
     * BouncyCastle JSSE warns through java.util.logging, straight to stderr, about every entry of
     * the JDK's disabled-algorithm lists it does not understand ("Ignoring unsupported entry ...").
     * That is noise for a user, so only its severe messages pass. Held here because the logging
     * framework keeps loggers weakly, and a collected one forgets its level.
     */
    static final Logger QUIET = quiet(Logger.getLogger("org.bouncycastle.jsse"));

    static final Provider PARSER = new BouncyCastleProvider();
    static final Provider JSSE = new BouncyCastleJsseProvider(false, new ParseWithBouncyCastle());
  }

  /**
   * BouncyCastle JSSE's crypto on the JDK's algorithms (warm, with intrinsics: a cold BouncyCastle
   * handshake can miss a short call deadline on a busy machine), except for reading certificates,
   * which is the one thing the JDK refuses here.
   */
  private static final class ParseWithBouncyCastle extends JcaTlsCryptoProvider {
    @Override
    public JcaTlsCrypto create(SecureRandom random) {
      return create(random, random);
    }

    @Override
    public JcaTlsCrypto create(SecureRandom keyRandom, SecureRandom nonceRandom) {
      JcaJceHelper helper =
          new DefaultJcaJceHelper() {
            @Override
            public CertificateFactory createCertificateFactory(String type)
                throws CertificateException {
              return CertificateFactory.getInstance(type, Bouncy.PARSER);
            }
          };
      return new JcaTlsCrypto(helper, keyRandom, nonceRandom) {};
    }
  }

  private static Logger quiet(Logger logger) {
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  private static X509ExtendedTrustManager pkix(List<X509Certificate> cas) throws SSLException {
    TrustManager[] managers;
    try {
      managers = TrustAnchors.only(cas);
    } catch (GeneralSecurityException e) {
      throw new SSLException("the OS CA cannot be used as a trust anchor", e);
    }
    for (TrustManager tm : managers) {
      if (tm instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new SSLException("the JDK offers no X.509 trust manager");
  }

  /** The JDK's PKIX trust manager, its refusals wrapped so they say why by type. */
  private static final class RejectionNaming extends ServerTrustOnly {
    private final X509ExtendedTrustManager pkix;

    RejectionNaming(X509ExtendedTrustManager pkix) {
      this.pkix = pkix;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        pkix.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        throw new NodeCertificateRejected(e);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      try {
        pkix.checkServerTrusted(chain, authType, socket);
      } catch (CertificateException e) {
        throw new NodeCertificateRejected(e);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      try {
        pkix.checkServerTrusted(chain, authType, engine);
      } catch (CertificateException e) {
        throw new NodeCertificateRejected(e);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return pkix.getAcceptedIssuers();
    }
  }

  /** A client's trust manager: it judges servers only, so asking it about a client is a bug. */
  private abstract static class ServerTrustOnly extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("client-side trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
      throw new UnsupportedOperationException("client-side trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException("client-side trust manager");
    }
  }

  /**
   * Extended so the JDK does not wrap it and run endpoint identification, which would reject a
   * maintenance certificate whose SANs lack the address we dialled (NAT, floating IP).
   */
  private static final class AcceptAnyServer extends ServerTrustOnly {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
