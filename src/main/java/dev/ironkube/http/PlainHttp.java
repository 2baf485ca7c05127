package dev.ironkube.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS set-up of a client that never speaks TLS. {@link HttpClient} builds the JDK's default TLS
 * context when it is built, whatever the URIs it will be given: it reads the whole trust store and
 * lists every cipher suite, about a fifth of a read command's time against a local API. A client
 * whose base URI is plain {@code http} and that follows no redirect (as every {@link JsonHttp}
 * does, so that credentials never travel elsewhere) cannot reach a TLS endpoint, so it gets a
 * context that refuses to be used instead: a bug that sends it to {@code https} fails loudly rather
 * than unauthenticated.
 */
public final class PlainHttp {
  private PlainHttp() {}

  /** Whether a client for {@code base} needs TLS at all. */
  public static boolean plain(URI base) {
    return "http".equalsIgnoreCase(base.getScheme());
  }

  /** Sets {@code builder} up without the default TLS context. */
  public static HttpClient.Builder withoutTls(HttpClient.Builder builder) {
    // Given parameters, the client does not ask the context for its defaults either.
    return builder.sslContext(new Refusing()).sslParameters(new SSLParameters());
  }

  private static final class Refusing extends SSLContext {
    Refusing() {
      super(new Spi(), null, "none");
    }
  }

  private static final class Spi extends SSLContextSpi {
    private static IllegalStateException refused() {
      return new IllegalStateException("this HTTP client was built for a plain http:// URI");
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr)
        throws KeyManagementException {
      throw new KeyManagementException("this HTTP client was built for a plain http:// URI");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      throw refused();
    }
  }
}
