package dev.ironkube.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.talos.kubeconfig.AdminKubeconfig;
import dev.ironkube.talos.pki.CertAndKey;
import dev.ironkube.talos.pki.CertificateIssuer;
import dev.ironkube.talos.pki.SecretsBundle;
import dev.ironkube.talos.pki.TalosPem;
import dev.ironkube.talos.talosconfig.Talosconfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;

/**
 * Reissues a cluster's admin client certificates from its secrets bundle, offline: the
 * talosconfig's (O=os:admin, from the OS CA, as {@code talosctl config new} does) and the
 * kubeconfig's (CN=admin, O=system:masters, from the Kubernetes CA, as Talos's Kubeconfig API
 * does). The CAs do not change, so nodes and the API server accept the new certificates at once;
 * the endpoints, nodes and context names of the files are kept. Both files are rewritten 0600.
 */
public final class CredentialRenewal {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** What was written: the files' new contents and their certificates' end. */
  public record Renewed(String talosconfig, Optional<String> kubeconfig, Instant notAfter) {
    @Override
    public String toString() {
      return "Renewed[notAfter=" + notAfter + ", contents=<redacted>]";
    }
  }

  private final CertificateIssuer issuer;

  public CredentialRenewal(CertificateIssuer issuer) {
    this.issuer = issuer;
  }

  public Renewed renew(String cluster, ClusterFiles files) {
    if (!Files.isRegularFile(files.secrets())) {
      throw new UserInputException(
          "cluster " + cluster + " has no secrets bundle in " + files.dir(),
          "the credentials can only be reissued from the secrets the cluster was made with",
          ExitCodes.NOT_FOUND);
    }
    if (!Files.isRegularFile(files.talosconfig())) {
      throw new UserInputException(
          "cluster " + cluster + " has no talosconfig in " + files.dir(),
          "it exists once provisioning configured the nodes",
          ExitCodes.NOT_FOUND);
    }
    SecretsBundle bundle = SecretsBundle.read(files.secrets());
    Talosconfig old = Talosconfig.read(files.talosconfig());
    CertAndKey talosAdmin = issuer.talosAdmin(bundle.os());
    Talosconfig renewed =
        Talosconfig.of(old.context(), old.endpoints(), old.nodes(), bundle.os(), talosAdmin);
    Optional<String> kubeconfig = Optional.empty();
    if (Files.isRegularFile(files.kubeconfig())) {
      AdminKubeconfig k = kubeconfig(files, bundle);
      kubeconfig = Optional.of(k.toYaml());
      k.write(files.kubeconfig());
    }
    renewed.write(files.talosconfig());
    Instant notAfter =
        TalosPem.parseCertificate(talosAdmin.certificatePem()).getNotAfter().toInstant();
    return new Renewed(renewed.toYaml(), kubeconfig, notAfter);
  }

  /** A new admin kubeconfig for the same server and cluster name as the one on disk. */
  private AdminKubeconfig kubeconfig(ClusterFiles files, SecretsBundle bundle) {
    try {
      JsonNode root = YAML.readTree(Files.readString(files.kubeconfig()));
      JsonNode cluster = root.path("clusters").path(0);
      String name = cluster.path("name").asText();
      String server = cluster.path("cluster").path("server").asText();
      if (name.isEmpty() || server.isEmpty()) {
        throw new UserInputException(
            "the kubeconfig in " + files.dir() + " names no cluster or server",
            "fetch it again from a node with talosctl kubeconfig, or restore it from a backup");
      }
      return AdminKubeconfig.of(
          name, server, bundle.kubernetes(), issuer.kubernetesAdmin(bundle.kubernetes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + files.kubeconfig(), e);
    }
  }
}
