package dev.ironkube.sim;

import dev.ironkube.net.SingleIdentityKeyManager;
import dev.ironkube.net.TrustAnchors;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2SecurityUtil;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The TLS of a simulated server, on the JDK's provider: its one identity held as it is, and, when
 * it asks for client certificates, a trust anchored at exactly the CAs that may sign them.
 *
 * <p>Not through netty's {@code SslContextBuilder.forServer}: that builds a PKCS12 store per
 * context (PBKDF2 both ways, about 50 ms each at the JDK's default rounds, and a simulated node
 * builds one at every boot), and the server context class it makes runs a self-test when first
 * loaded that took 0.7 to 0.9 s here, in every JVM that starts a simulated datacenter. The
 * handshake is the same: the JDK's engine, TLS 1.3 and 1.2, the HTTP/2 cipher list and ALPN "h2"
 * that grpc-java's {@code GrpcSslContexts} sets for the JDK provider.
 */
public final class ServerTls {
  private ServerTls() {}

  /**
   * The JDK context of a server presenting {@code chain} (its own certificate first); {@code
   * clientCas} empty: no client certificate is asked for.
   */
  public static SSLContext jdk(
      PrivateKey key, List<X509Certificate> chain, List<X509Certificate> clientCas) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          new KeyManager[] {SingleIdentityKeyManager.server(key, chain)},
          clientCas.isEmpty() ? new TrustManager[0] : TrustAnchors.only(clientCas),
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the simulated server's TLS could not be set up", e);
    }
  }

  /**
   * A gRPC server's TLS (HTTP/2 over ALPN); with {@code clientCas} it requires a client certificate
   * one of them signed, as apid and Teleport's Auth Service do.
   */
  public static SslContext grpc(
      PrivateKey key, List<X509Certificate> chain, List<X509Certificate> clientCas) {
    return new JdkSslContext(
        jdk(key, chain, clientCas),
        false,
        Http2SecurityUtil.CIPHERS,
        SupportedCipherSuiteFilter.INSTANCE,
        new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2),
        clientCas.isEmpty() ? ClientAuth.NONE : ClientAuth.REQUIRE,
        null,
        false);
  }
}
