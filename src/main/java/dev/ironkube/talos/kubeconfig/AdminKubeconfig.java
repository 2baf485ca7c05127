package dev.ironkube.talos.kubeconfig;

import dev.ironkube.talos.pki.CertAndKey;
import dev.ironkube.talos.pki.SecretFiles;
import dev.ironkube.talos.pki.TalosPem;
import dev.ironkube.talos.yaml.TalosYaml;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster-admin kubeconfig, built locally the way Talos' Kubeconfig API builds it, so it is
 * available without a round trip to the node.
 *
 * @param clusterName the cluster name; the user and context are "admin@&lt;clusterName&gt;"
 * @param server the API server URL, exactly cluster.controlPlane.endpoint
 * @param caPem the Kubernetes CA certificate
 * @param certificatePem the admin client certificate (CN=admin, O=system:masters)
 * @param keyPem the admin client key
 */
public record AdminKubeconfig(
    String clusterName, String server, String caPem, String certificatePem, String keyPem) {

  /** Built from the Kubernetes CA and an admin certificate issued from it. */
  public static AdminKubeconfig of(
      String clusterName, String server, CertAndKey kubernetesCa, CertAndKey admin) {
    return new AdminKubeconfig(
        clusterName, server, kubernetesCa.certificatePem(), admin.certificatePem(), admin.keyPem());
  }

  public String contextName() {
    return "admin@" + clusterName;
  }

  public String toYaml() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("apiVersion", "v1");
    root.put("kind", "Config");
    root.put(
        "clusters",
        List.of(
            entry(
                "name",
                clusterName,
                "cluster",
                entry("server", server, "certificate-authority-data", TalosPem.base64(caPem)))));
    root.put(
        "users",
        List.of(
            entry(
                "name",
                contextName(),
                "user",
                entry(
                    "client-certificate-data",
                    TalosPem.base64(certificatePem),
                    "client-key-data",
                    TalosPem.base64(keyPem)))));
    root.put(
        "contexts",
        List.of(
            entry(
                "name",
                contextName(),
                "context",
                entry("cluster", clusterName, "namespace", "default", "user", contextName()))));
    root.put("current-context", contextName());
    return TalosYaml.write(root);
  }

  /** Writes the file with mode 0600, atomically: it holds a cluster-admin key. */
  public void write(Path path) {
    SecretFiles.writePrivate(path, toYaml());
  }

  private static Map<String, Object> entry(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "AdminKubeconfig[cluster=" + clusterName + ", server=" + server + ", key=<redacted>]";
  }
}
