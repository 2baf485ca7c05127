package dev.ironkube.talos.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Everything {@code talosctl gen secrets} generates: the identity and keys of one cluster. Every
 * node config and client credential derives from it, so it is generated once and persisted (a
 * regenerated bundle locks the operator out of existing nodes).
 *
 * @param clusterId URL-safe base64 of 32 random bytes
 * @param clusterSecret standard base64 of 32 random bytes
 * @param bootstrapToken the Kubernetes bootstrap token
 * @param secretboxEncryptionSecret the key Kubernetes encrypts Secrets at rest with
 * @param trustdToken the token workers present to trustd
 * @param etcd the etcd CA (ECDSA P-256, O=etcd)
 * @param kubernetes the Kubernetes CA (ECDSA P-256, O=kubernetes)
 * @param kubernetesAggregator the front-proxy CA (ECDSA P-256; CN=front-proxy, upstream: empty)
 * @param serviceAccountKey signs service-account tokens (RSA-4096)
 * @param os the Talos API CA (Ed25519, O=talos)
 */
public record SecretsBundle(
    String clusterId,
    String clusterSecret,
    String bootstrapToken,
    String secretboxEncryptionSecret,
    String trustdToken,
    CertAndKey etcd,
    CertAndKey kubernetes,
    CertAndKey kubernetesAggregator,
    PrivateKey serviceAccountKey,
    CertAndKey os) {

  public static final Pattern TOKEN = Pattern.compile("[a-z0-9]{6}\\.[a-z0-9]{16}");

  public SecretsBundle {
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(clusterSecret, "clusterSecret");
    Objects.requireNonNull(secretboxEncryptionSecret, "secretboxEncryptionSecret");
    Objects.requireNonNull(etcd, "etcd");
    Objects.requireNonNull(kubernetes, "kubernetes");
    Objects.requireNonNull(kubernetesAggregator, "kubernetesAggregator");
    Objects.requireNonNull(serviceAccountKey, "serviceAccountKey");
    Objects.requireNonNull(os, "os");
    requireToken(bootstrapToken, "bootstrap token");
    requireToken(trustdToken, "trustd token");
  }

  /**
   * A fresh bundle. The RSA-4096 service-account key dominates; its primes are searched for on
   * background threads while the four CAs are made here.
   */
  public static SecretsBundle generate(CertificateIssuer issuer, SecureRandom random) {
    CompletableFuture<KeyPair> serviceAccount = ServiceAccountKeys.start(random);
    String clusterId = Tokens.clusterId(random);
    String clusterSecret = Tokens.secret32(random);
    String bootstrapToken = Tokens.bootstrapToken(random);
    String secretbox = Tokens.secret32(random);
    String trustdToken = Tokens.bootstrapToken(random);
    CertAndKey etcd = issuer.selfSignedCa(KeyType.ECDSA_P256, "etcd", null);
    CertAndKey kubernetes = issuer.selfSignedCa(KeyType.ECDSA_P256, "kubernetes", null);
    CertAndKey aggregator = issuer.selfSignedCa(KeyType.ECDSA_P256, null, "front-proxy");
    CertAndKey os = issuer.selfSignedCa(KeyType.ED25519, "talos", null);
    return new SecretsBundle(
        clusterId,
        clusterSecret,
        bootstrapToken,
        secretbox,
        trustdToken,
        etcd,
        kubernetes,
        aggregator,
        serviceAccount.join().getPrivate(),
        os);
  }

  public static SecretsBundle generate() {
    SecureRandom random = new SecureRandom();
    return generate(CertificateIssuer.systemDefault(), random);
  }

  /** The upstream secrets.yaml layout, with upstream PEM labels. */
  public String toYaml() {
    return SecretsBundleYaml.write(this);
  }

  public static SecretsBundle fromYaml(String yaml) {
    return SecretsBundleYaml.read(yaml);
  }

  /** Writes secrets.yaml with mode 0600, atomically. */
  public void write(Path path) {
    SecretFiles.writePrivate(path, toYaml());
  }

  public static SecretsBundle read(Path path) {
    try {
      return fromYaml(Files.readString(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read secrets bundle " + path, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secrets bundle " + path + ": " + e.getMessage(), e);
    }
  }

  private static void requireToken(String token, String what) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      throw new IllegalArgumentException(what + " must match " + TOKEN.pattern());
    }
  }

  /** Names the cluster only: the bundle is all secrets. */
  @Override
  public String toString() {
    return "SecretsBundle[clusterId=" + clusterId + ", secrets=<redacted>]";
  }
}
