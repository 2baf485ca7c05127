package dev.ironkube.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a cluster's secrets bundle, talosconfig and kubeconfig to a {@link SecretSink} and reads
 * them back, so a later run on another machine reuses the same PKI.
 *
 * <p>Values are stored as standard base64 (with padding), because Infisical trims a secret's value
 * on write (leading and trailing whitespace; only one trailing newline survives), which would alter
 * YAML and PEM documents. Names are {@code IRONKUBE_<CLUSTER>_<KIND>_B64}, the cluster name upper
 * case with dashes as underscores, so several clusters share one path without clashing.
 */
public final class ClusterCredentialsBackup {

  /** What is backed up. */
  public enum Kind {
    SECRETS_BUNDLE,
    TALOSCONFIG,
    KUBECONFIG
  }

  private final String cluster;

  public ClusterCredentialsBackup(String cluster) {
    this.cluster = Objects.requireNonNull(cluster);
  }

  /** {@code IRONKUBE_DEMO_TALOSCONFIG_B64} for cluster {@code demo}. */
  public String secretName(Kind kind) {
    String upper = cluster.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    return "IRONKUBE_" + upper + "_" + kind.name() + "_B64";
  }

  public void write(SecretSink sink, Kind kind, String document) {
    sink.put(secretName(kind), encode(document));
  }

  /** The document, when the store holds it. */
  public Optional<String> read(Map<String, String> secrets, Kind kind) {
    return Optional.ofNullable(secrets.get(secretName(kind)))
        .filter(v -> !v.isBlank())
        .map(ClusterCredentialsBackup::decode);
  }

  static String encode(String document) {
    return Base64.getEncoder().encodeToString(document.getBytes(StandardCharsets.UTF_8));
  }

  /** Tolerates the whitespace a store may add around the value. */
  static String decode(String stored) {
    return new String(Base64.getMimeDecoder().decode(stored.strip()), StandardCharsets.UTF_8);
  }
}
