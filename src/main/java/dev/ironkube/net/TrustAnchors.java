package dev.ironkube.net;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK's PKIX trust manager over exactly the given CAs, and no system root: a cluster's API is
 * trusted when its own CA signed the server's certificate, never because a public one did.
 */
public final class TrustAnchors {
  private TrustAnchors() {}

  /** The JDK's trust managers (one PKIX manager) anchored at {@code cas} alone. */
  public static TrustManager[] only(List<X509Certificate> cas) throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("an empty key store could not be made", e);
    }
    for (int i = 0; i < cas.size(); i++) {
      store.setCertificateEntry("ca-" + i, cas.get(i));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }
}
