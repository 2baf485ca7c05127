package dev.ironkube.talos.kubeconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ironkube.net.SingleIdentityKeyManager;
import dev.ironkube.net.TrustAnchors;
import dev.ironkube.talos.pki.TalosPem;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * The first cluster and user of an admin kubeconfig, as a TLS context for the JDK's HTTP client: it
 * trusts the cluster's CA alone and presents the user's certificate. The one reader of a
 * kubeconfig's TLS material for the checks that make plain HTTP calls (the API probe after
 * bootstrap, the health reads); the Kubernetes client reads the kubeconfig itself.
 *
 * @param server the cluster's API address as the kubeconfig names it
 */
public record KubeconfigIdentity(
    URI server, X509Certificate ca, X509Certificate certificate, PrivateKey key) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * Reads {@code kubeconfig}; anything missing or unreadable is an {@link IllegalArgumentException}
   * that says what.
   */
  public static KubeconfigIdentity read(String kubeconfig) {
    try {
      JsonNode root = YAML.readTree(kubeconfig);
      JsonNode cluster = root.path("clusters").path(0).path("cluster");
      JsonNode user = root.path("users").path(0).path("user");
      return new KubeconfigIdentity(
          URI.create(cluster.path("server").asText()),
          TalosPem.parseCertificate(decode(cluster.path("certificate-authority-data").asText())),
          TalosPem.parseCertificate(decode(user.path("client-certificate-data").asText())),
          TalosPem.parsePrivateKey(decode(user.path("client-key-data").asText())));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the kubeconfig cannot be used: " + e.getMessage(), e);
    }
  }

  /** Trusts {@link #ca} alone; presents {@link #certificate} with {@link #key}. */
  public SSLContext sslContext() {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(
          new KeyManager[] {new SingleIdentityKeyManager(key, certificate)},
          TrustAnchors.only(List.of(ca)),
          null);
      return tls;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the kubeconfig cannot be used: " + e.getMessage(), e);
    }
  }

  /** Names the identity, never the key. */
  @Override
  public String toString() {
    return "KubeconfigIdentity[server="
        + server
        + ", certificate="
        + certificate.getSubjectX500Principal().getName()
        + ", key=<redacted>]";
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
