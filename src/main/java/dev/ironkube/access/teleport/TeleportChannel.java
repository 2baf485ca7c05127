package dev.ironkube.access.teleport;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.net.SingleIdentityKeyManager;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A gRPC channel to Teleport's Auth Service through the proxy's TLS routing: the first ALPN value
 * {@code teleport-auth@<hex(cluster)>.teleport.cluster.local} makes the proxy forward the raw TLS
 * stream to Auth, so the server certificate is Auth's (checked against the identity's cluster CA,
 * under the name every Teleport server certificate carries) and our client certificate is checked
 * by Auth. {@code h2} follows for gRPC itself; a direct Auth port (3025) ignores the first value.
 */
final class TeleportChannel {
  /**
   * The name every Teleport-issued server certificate carries; also the SNI the Go client sends.
   */
  static final String SERVER_NAME = "teleport.cluster.local";

  static final String AUTH_ALPN_PREFIX = "teleport-auth@";

  private TeleportChannel() {}

  static String authAlpn(String clusterName) {
    String hex = HexFormat.of().formatHex(clusterName.getBytes(StandardCharsets.UTF_8));
    return AUTH_ALPN_PREFIX + hex.toLowerCase(Locale.ROOT) + "." + SERVER_NAME;
  }

  static ManagedChannel open(String proxy, TeleportIdentity identity) {
    HostPort target = HostPort.parse(proxy);
    return NettyChannelBuilder.forAddress(target.host(), target.port())
        .sslContext(tls(identity))
        .overrideAuthority(SERVER_NAME)
        .keepAliveTime(30, TimeUnit.SECONDS)
        .build();
  }

  private static SslContext tls(TeleportIdentity identity) {
    try {
      return SslContextBuilder.forClient()
          // The JDK engine for parity with the Talos client; it handles RSA, ECDSA and Ed25519.
          .sslProvider(SslProvider.JDK)
          .keyManager(new SingleIdentityKeyManager(identity.key(), identity.certificate()))
          .trustManager(identity.cas())
          .applicationProtocolConfig(
              new ApplicationProtocolConfig(
                  ApplicationProtocolConfig.Protocol.ALPN,
                  ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                  ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                  List.of(authAlpn(identity.clusterName()), "h2")))
          .build();
    } catch (SSLException e) {
      throw new UserInputException(
          "the Teleport identity cannot be used for TLS (" + e.getClass().getSimpleName() + ")",
          "sign a fresh identity file with tbot or tctl auth sign --format=file");
    }
  }

  /** TELEPORT_PROXY as host:port; the port defaults to 443, the TLS-routing web port. */
  record HostPort(String host, int port) {
    static HostPort parse(String value) {
      String text = value == null ? "" : value.trim().replaceFirst("^https?://", "");
      int colon = text.lastIndexOf(':');
      try {
        if (colon > 0 && !text.endsWith("]")) {
          return new HostPort(
              text.substring(0, colon).replace("[", "").replace("]", ""),
              Integer.parseInt(text.substring(colon + 1)));
        }
        if (!text.isEmpty()) {
          return new HostPort(text.replace("[", "").replace("]", ""), 443);
        }
      } catch (NumberFormatException e) {
        // fall through to the one message below
      }
      throw new UserInputException(
          "TELEPORT_PROXY '" + value + "' is not host:port",
          "set TELEPORT_PROXY to the proxy's public address, like teleport.example.com:443");
    }
  }
}
