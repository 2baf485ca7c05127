package dev.ironkube.talos.api;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2SecurityUtil;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.netty.shaded.io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.net.Socket;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

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
    Provider jsse = new BouncyCastleJsseProvider(new BouncyCastleProvider());
    return SslContextBuilder.forClient()
        .sslProvider(SslProvider.JDK)
        .sslContextProvider(jsse)
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

  /** Configured node: verify apid against the OS CA (grpc checks the address against SANs). */
  static SslContext mutual(TalosIdentity identity) throws SSLException {
    List<X509Certificate> ca = PemKeys.certificates(identity.caPem());
    List<X509Certificate> chain = PemKeys.certificates(identity.certPem());
    return GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
        .trustManager(ca.toArray(X509Certificate[]::new))
        .keyManager(PemKeys.privateKey(identity.keyPem()), chain.toArray(X509Certificate[]::new))
        .build();
  }

  /**
   * Extended so the JDK does not wrap it and run endpoint identification, which would reject a
   * maintenance certificate whose SANs lack the address we dialled (NAT, floating IP).
   */
  private static final class AcceptAnyServer extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

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

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
