package dev.ironkube.net;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * One identity, a client's or a server's, held as it is. The JDK's way (a PKCS12 key store in
 * memory behind a key manager factory) encrypts the key into the store and decrypts it out again,
 * 10,000 PBKDF2 rounds each way by default: about 50 ms of every connection set-up, for a store
 * that never leaves memory.
 *
 * <p>It answers as the JDK's own key manager does for a store with one entry: the identity is
 * offered for a key type that names its public key's algorithm ("EC"; "EC_RSA" also names the
 * certificate's signature), in the one role it was made for. The product's clients make the client
 * role; the simulator's servers the server role ({@link #server}).
 */
public final class SingleIdentityKeyManager extends X509ExtendedKeyManager {
  public static final String ALIAS = "identity";

  private final PrivateKey key;
  private final X509Certificate[] chain;
  private final boolean server;

  public SingleIdentityKeyManager(PrivateKey key, X509Certificate certificate) {
    this(key, List.of(certificate));
  }

  /** A client identity; {@code chain} starts with the identity's own certificate. */
  public SingleIdentityKeyManager(PrivateKey key, List<X509Certificate> chain) {
    this(key, chain, false);
  }

  private SingleIdentityKeyManager(PrivateKey key, List<X509Certificate> chain, boolean server) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("an identity needs its certificate");
    }
    this.key = key;
    this.chain = chain.toArray(X509Certificate[]::new);
    this.server = server;
  }

  /** A server identity; {@code chain} starts with the server's own certificate. */
  public static SingleIdentityKeyManager server(PrivateKey key, List<X509Certificate> chain) {
    return new SingleIdentityKeyManager(key, chain, true);
  }

  /**
   * The JDK's SunX509 key manager's test: the key type names the public key's algorithm, and a
   * signature type after an underscore names the issuer's key algorithm (the next certificate of
   * the chain, else the one the certificate is signed with). Unlike it, the issuers a server names
   * are not consulted: an identity it would not accept fails at the server instead of being held
   * back, and these clients have only the one.
   */
  private boolean offers(String keyType) {
    if (keyType == null) {
      return false;
    }
    int underscore = keyType.indexOf('_');
    String keyAlgorithm = underscore < 0 ? keyType : keyType.substring(0, underscore);
    if (!keyAlgorithm.equals(chain[0].getPublicKey().getAlgorithm())) {
      return false;
    }
    if (underscore < 0) {
      return true;
    }
    String signature = keyType.substring(underscore + 1);
    if (chain.length > 1) {
      return signature.equals(chain[1].getPublicKey().getAlgorithm());
    }
    return chain[0]
        .getSigAlgName()
        .toUpperCase(Locale.ROOT)
        .contains("WITH" + signature.toUpperCase(Locale.ROOT));
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return !server && offers(keyType) ? new String[] {ALIAS} : null;
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    if (!server && keyTypes != null) {
      for (String keyType : keyTypes) {
        if (offers(keyType)) {
          return ALIAS;
        }
      }
    }
    return null;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return chooseClientAlias(keyTypes, issuers, null);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return server && offers(keyType) ? new String[] {ALIAS} : null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return server && offers(keyType) ? ALIAS : null;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return chooseServerAlias(keyType, issuers, null);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? chain.clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key : null;
  }
}
