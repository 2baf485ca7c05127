package dev.ironkube.talos.api;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Client TLS contexts for the Talos API. Always the JDK provider: grpc-netty's bundled BoringSSL
 * fails handshakes with Ed25519 certificates, which Talos uses for its OS CA and apid.
 */
final class TalosTls {
  private TalosTls() {}

  /**
   * Maintenance mode: the node's certificate chains to a root generated at boot that nobody outside
   * knows, so nothing can be verified. This is the only trust-all context in ironkube.
   */
  static SslContext maintenance() throws SSLException {
    return GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
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
