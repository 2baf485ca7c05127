package dev.ironkube.platform;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.URI;

/**
 * A connection to the cluster's API server from the admin kubeconfig Talos issued. fabric8 stays
 * inside this package; callers hand in kubeconfig text and get a closeable handle.
 */
public final class KubeConnection implements AutoCloseable {
  private final KubernetesClient client;

  private KubeConnection(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Connects with the JDK HTTP client (no Vert.x, no OkHttp), ignoring any kubeconfig or
   * environment of the user's machine: only the cluster ironkube built is ever addressed.
   */
  public static KubeConnection fromKubeconfig(String kubeconfigYaml) {
    return fromKubeconfig(kubeconfigYaml, null);
  }

  /**
   * As above, dialling {@code host} (a control plane's address) instead of the kubeconfig's server,
   * which may be a DNS name this machine cannot resolve yet; null keeps the server. The API
   * server's certificate names every control plane's address, so TLS verification is unchanged.
   */
  public static KubeConnection fromKubeconfig(String kubeconfigYaml, String host) {
    Config config = Config.fromKubeconfig(kubeconfigYaml);
    if (host != null) {
      URI server = URI.create(config.getMasterUrl());
      int port = server.getPort() < 0 ? 6443 : server.getPort();
      String h = host.contains(":") ? "[" + host + "]" : host;
      config.setMasterUrl(server.getScheme() + "://" + h + ":" + port);
    }
    config.setRequestTimeout(30_000);
    config.setConnectionTimeout(10_000);
    // Waits poll on their own schedule; a few quick retries cover a blip without hiding a
    // certificate problem behind a minute of backoff.
    config.setRequestRetryBackoffLimit(2);
    config.setRequestRetryBackoffInterval(200);
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientFactory(new JdkHttpClientFactory())
            .build();
    return new KubeConnection(client);
  }

  public KubernetesClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
  }
}
